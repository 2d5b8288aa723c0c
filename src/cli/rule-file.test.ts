import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileProblem, positionOfField, problemFromServer, readDefinitionFile, readRuleFile, readSigmaFile } from './rule-file.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-rule-file-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const problem = (fn: () => unknown): FileProblem => {
  try {
    fn();
  } catch (e) {
    if (e instanceof FileProblem) return e;
    throw e;
  }
  throw new Error('expected a FileProblem');
};

describe('rule files of `bulwark events rules`', () => {
  it('sends a Sigma file unchanged, named after its title (else the file name)', () => {
    const text = 'title: Odd cron job\nlogsource: {product: linux}\ndetection: {sel: {a: b}, condition: sel}\n';
    const r = readSigmaFile(file('cron.yml', text));
    expect(r.definition).toEqual({ kind: 'sigma', yaml: text });
    expect(r.defaultName).toBe('Odd cron job');
    expect(readSigmaFile(file('untitled-rule.yml', 'detection: {}\n')).defaultName).toBe('untitled-rule');
  });

  it('reads definitions from YAML or JSON and points at the key an error names', () => {
    const json = file('t.json', '{\n  "kind": "threshold",\n  "query": "a:b",\n  "window": "5m",\n  "threshold": 3\n}\n');
    const r = readDefinitionFile(json);
    expect(r.definition).toEqual({ kind: 'threshold', query: 'a:b', window: '5m', threshold: 3 });
    expect(positionOfField(r.text, 'definition.window')).toEqual({ line: 4, column: 3 });
    expect(positionOfField(r.text, 'definition.groupBy')).toBeUndefined();
    const p = problemFromServer(r, { code: 'Events.InvalidRule', message: 'bad window', field: 'definition.window' });
    expect(p.describe()).toBe(`${json}:4:3: Events.InvalidRule: bad window (field definition.window)`);
  });

  it('uses the server position for Sigma files only (their text is sent as is)', () => {
    const sigma = readSigmaFile(file('s.yml', 'title: x\n'));
    expect(problemFromServer(sigma, { code: 'Events.SigmaUnsupported', message: 'm', field: 'definition.yaml', line: 7, column: 5 })).toMatchObject({ line: 7, column: 5 });
    const def = readDefinitionFile(file('d.yaml', 'kind: sigma\nyaml: "title: x"\n'));
    // a line inside the embedded YAML is not a line of the file: the `yaml:` key is shown instead
    expect(problemFromServer(def, { code: 'Events.SigmaUnsupported', message: 'm', field: 'definition.yaml', line: 7, column: 5 })).toMatchObject({ line: 2, column: 1 });
  });

  it('refuses broken YAML with its position, non-mappings, and both or neither flag', () => {
    const broken = problem(() => readDefinitionFile(file('broken.yaml', 'kind: threshold\nquery: [a\n')));
    expect(broken.code).toBe('InvalidParameter');
    expect(broken.line).toBeGreaterThanOrEqual(2);
    expect(broken.describe()).toMatch(/broken\.yaml:\d+:\d+: InvalidParameter: not valid YAML/);
    expect(problem(() => readDefinitionFile(file('list.yaml', '- a\n- b\n'))).message).toContain('expected a mapping');
    expect(() => readRuleFile({ sigma: 'a', definition: 'b' })).toThrow(/not both/);
    expect(() => readRuleFile({})).toThrow(expect.objectContaining({ code: 'MissingParameter' }));
    expect(() => readRuleFile({ sigma: join(dir, 'missing.yml') })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });
});
