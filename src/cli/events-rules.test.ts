import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aptShellSigma } from '../events/alerts/sigma/test-support/apt-shell.js';
import type { TestServer } from '../openapi/test-support/server.js';
import { registerEvents } from './events.js';
import { startCliServer, type CliServer } from './test-support/cli-server.js';
import { runCli } from './test-support/run-cli.js';

const SIGMA = aptShellSigma('high', 'cli-apt-shell');
/** The same rule with a modifier Bulwark refuses, on line 9 column 16. */
const UNSUPPORTED = SIGMA.replace('CommandLine|contains', 'CommandLine|expand');
const THRESHOLD = `kind: threshold
query: event.action:ssh-login AND event.outcome:failure
groupBy: [source.ip]
window: 5m
threshold: 5
`;

let t: TestServer;
let dir: string;
let cli: CliServer;

beforeAll(async () => {
  cli = await startCliServer('bw-cli-rules-');
  ({ t, dir } = cli);
});
afterAll(() => cli.close());

const rules = (...args: string[]) => runCli(registerEvents, ['events', 'rules', ...args, '--server', t.server.url]);
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

interface Rule {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  severity: number;
  title?: string;
}

describe('bulwark events rules (against a real server)', () => {
  it('puts a Sigma rule (created, then updated by name), lists, gets, disables, enables and deletes it', async () => {
    const sigma = file('apt.yml', SIGMA);
    const created = await rules('put', '--sigma', sigma, '--format', 'json');
    expect(created.code).toBe(0);
    const doc = JSON.parse(created.stdout) as { rule: Rule; created: boolean };
    expect(doc).toMatchObject({ created: true, rule: { name: 'Shell spawned through apt', kind: 'sigma', severity: 75, enabled: true, title: 'Shell spawned through apt' } });

    const updated = await rules('put', '--sigma', sigma, '--severity', '90');
    expect(updated.stdout).toBe(`updated rule ${doc.rule.id} "Shell spawned through apt" (sigma, severity 90, enabled)\n`);

    const list = await rules('list');
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+KIND\s+SEV\s+ENABLED\s+UPDATED\s+DETECTION$/);
    expect(list.stdout).toContain(`${doc.rule.id}  Shell spawned through apt  sigma`);
    expect(list.stdout).toContain('1 of 1 rule(s)');

    const got = await rules('get', 'Shell spawned through apt');
    expect(got.stdout).toContain(`${doc.rule.id}  Shell spawned through apt`);
    expect(got.stdout).toContain("    CommandLine|contains: 'APT::Update::Pre-Invoke::='");

    expect((await rules('disable', doc.rule.id)).stdout).toContain('disabled');
    const disabled = JSON.parse((await rules('list', '--disabled', '--format', 'json')).stdout) as { rules: Rule[]; total: number };
    expect(disabled.rules.map((r) => r.id)).toEqual([doc.rule.id]);
    expect(JSON.parse((await rules('enable', 'Shell spawned through apt', '--format', 'json')).stdout)).toMatchObject({ rule: { id: doc.rule.id, enabled: true } });

    const del = await rules('delete', 'Shell spawned through apt', '--format', 'json');
    expect(JSON.parse(del.stdout)).toEqual({ ruleId: doc.rule.id, deleted: true });
    const gone = await rules('get', 'Shell spawned through apt');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('Events.RuleNotFound');
    const goneById = await rules('get', doc.rule.id);
    expect(goneById.code).toBe(1);
    expect(goneById.stderr).toContain('Events.RuleNotFound');
  });

  it('puts a threshold rule from a YAML definition file and validates files without storing them', async () => {
    const def = file('brute.yaml', THRESHOLD);
    const r = await rules('put', '--definition', def, '--name', 'ssh brute force');
    expect(r.stdout).toMatch(/^created rule rule-\S+ "ssh brute force" \(threshold, severity 50, enabled\)\n$/);
    const list = await rules('list', '--kind', 'threshold');
    expect(list.stdout).toContain('≥ 5 in 5m by source.ip: event.action:ssh-login AND event.outcome:failure');

    const ok = await rules('validate', '--sigma', file('ok.yml', SIGMA));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid — Shell spawned through apt (severity 75)');
    const okJson = await rules('validate', '--definition', def, '--format', 'json');
    expect(JSON.parse(okJson.stdout)).toMatchObject({ valid: true, severity: 50 });
    // nothing was stored by validate
    expect(JSON.parse((await rules('list', '--format', 'json')).stdout).total).toBe(1);
  });

  it('shows where a Sigma or definition file is wrong (FILE:LINE:COLUMN, exit 2) and stores nothing', async () => {
    const bad = file('bad.yml', UNSUPPORTED);
    const v = await rules('validate', '--sigma', bad);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(`${bad}:9:16: Events.SigmaUnsupported:`);
    expect(v.stderr).toContain('|expand');
    const vJson = await rules('validate', '--sigma', bad, '--format', 'json');
    expect(vJson.code).toBe(2);
    expect(JSON.parse(vJson.stdout)).toMatchObject({ valid: false, line: 9, column: 16, error: { code: 'Events.SigmaUnsupported' } });

    const put = await rules('put', '--sigma', bad);
    expect(put.code).toBe(2);
    expect(put.stderr).toContain(`${bad}:9:16: Events.SigmaUnsupported:`);

    const syntax = file('syntax.yml', 'title: x\ndetection:\n  sel: [a\n');
    const s = await rules('put', '--sigma', syntax);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(new RegExp(`${syntax.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: InvalidParameter: not valid YAML`));

    const query = file('query.yaml', THRESHOLD.replace('event.outcome:failure', 'event.outcome:(failure'));
    const q = await rules('put', '--definition', query, '--name', 'broken');
    expect(q.code).toBe(2);
    expect(q.stderr).toContain(`${query}:2:1: Events.QuerySyntax:`);
    expect(q.stderr).toContain('(field definition.query)');

    const window = file('window.yaml', THRESHOLD.replace('5m', 'soon'));
    const w = await rules('validate', '--definition', window);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain(`${window}:4:1: Events.InvalidRule:`);

    const neither = await rules('put');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('MissingParameter');
    expect(JSON.parse((await rules('list', '--format', 'json')).stdout).rules.map((r: Rule) => r.name)).toEqual(['ssh brute force']);
  });
});
