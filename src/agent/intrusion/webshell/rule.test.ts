import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseCondition } from './condition.js';
import { DEFAULT_WEBSHELL_RULES_YAML } from './default-rules.js';
import { loadWebshellRules } from './rule.js';
import { longestRunEntropy, matchContent } from './scanner.js';

const counts = (strings: number, regexes: number, entropy = false) => ({ strings, regexes, stringsTotal: 3, regexesTotal: 2, entropy });

describe('webshell rule conditions', () => {
  it.each([
    ['any', counts(0, 1), true],
    ['any', counts(0, 0), false],
    ['all', counts(3, 2), true],
    ['all', counts(3, 1), false],
    ['any of strings', counts(1, 0), true],
    ['2 of regexes', counts(0, 1), false],
    ['2 of them', counts(1, 1), true],
    ['all of regexes', counts(0, 2), true],
    ['none of strings', counts(0, 2), true],
    ['any of regexes and entropy', counts(0, 1, false), false],
    ['any of regexes and entropy', counts(0, 1, true), true],
    ['all of regexes and not any of strings', counts(1, 2), false],
    ['any of strings or all of regexes and entropy', counts(0, 2, false), false],
    ['any of strings or all of regexes and entropy', counts(1, 0, false), true],
  ])('%s', (text, m, expected) => {
    expect(evaluateCondition(parseCondition(text), m)).toBe(expected);
  });

  it.each([['', /empty/], ['2', /needs "of/], ['any of files', /expected strings, regexes or them/], ['any of strings and', /ends too early/], ['maybe', /unexpected "maybe"/], ['any any', /unexpected "any"/]])('rejects %j', (text, message) => {
    expect(() => parseCondition(text)).toThrow(message);
  });
});

describe('webshell rule files', () => {
  const one = (rule: string): string => `version: 1\nrules:\n  - id: r1\n    name: R\n    severity: high\n${rule}`;

  it('loads the default rules', () => {
    const rules = loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'default');
    expect(rules.length).toBeGreaterThanOrEqual(15);
    expect(new Set(rules.map((r) => r.technique))).toEqual(new Set(['T1505.003']));
  });

  it.each([
    ['not yaml: [', '(yaml)', /.+/],
    ['version: 2\nrules: []', 'version', /./],
    [one('    regexes: ["a(?=b)"]\n'), 'rules.0.regexes.0', /not an RE2 regex/],
    [one('    strings: [x]\n    condition: any of regexes\n'), 'rules.0.condition', /has none/],
    [one('    strings: [x]\n    condition: 2 of things\n'), 'rules.0.condition', /expected strings/],
    [one('    strings: [x]\n    entropy: { min: 4 }\n'), 'rules.0.entropy', /never reads it/],
    [one('    strings: [x]\n    condition: entropy\n'), 'rules.0.entropy', /sets no threshold/],
    [one('    strings: [x]\n    severity2: high\n'), '(root)', /./],
    [one('    strings: [x]\n    extensions: [.php]\n'), 'rules.0.extensions.0', /without the dot/],
    [`${one('    strings: [x]\n')}  - id: r1\n    name: again\n    severity: low\n    strings: [y]\n`, 'rules.1.id', /duplicate/],
  ])('rejects an invalid file, naming the field (%#)', (text, field, reason) => {
    let error: unknown;
    try {
      loadWebshellRules(text, 'custom.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'Agent.Intrusion.InvalidRules', params: { source: 'custom.yaml' } });
    const params = (error as { params: { field: string; reason: string } }).params;
    if (field !== '(root)') expect(params.field).toBe(field);
    expect(params.reason).toMatch(reason);
  });

  it('matches strings case-insensitively, honours extensions, exclusions and the size limit', () => {
    const rules = loadWebshellRules(
      one(`    extensions: [php]
    strings: [FilesMan, b374k]
    regexes: ['eval\\s*\\(']
    exclude: ['ALLOWED-MARKER']
    condition: any of strings and any of regexes
    maxFileBytes: 100
`),
      't',
    );
    expect(matchContent('<?php $x = "filesman"; eval($y);', 'php', 40, rules).map((m) => m.strings)).toEqual([['filesman']]);
    expect(matchContent('<?php $x = "filesman"; eval($y);', 'jsp', 40, rules)).toEqual([]);
    expect(matchContent('<?php $x = "filesman"; eval($y); // ALLOWED-MARKER', 'php', 40, rules)).toEqual([]);
    expect(matchContent('<?php $x = "filesman"; eval($y);', 'php', 4000, rules)).toEqual([]);
    expect(matchContent('<?php $x = "filesman";', 'php', 40, rules)).toEqual([]);
  });

  it('measures the entropy of long encoded runs only', () => {
    const random = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 256)).toString('base64');
    expect(longestRunEntropy(`x = '${random}';`, 256)).toBeGreaterThan(5);
    expect(longestRunEntropy(`x = '${'A'.repeat(1000)}';`, 256)).toBe(0);
    expect(longestRunEntropy(`x = '${random.slice(0, 100)}';`, 256)).toBe(0);
  });

  it('flags known kit markers and script-engine shells with the default rules; PHP names in any case', () => {
    const rules = loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'default');
    expect(matchContent("<?php @EvAl($_POST['x']);", 'php', 30, rules).map((m) => [m.rule.id, m.regexes])).toEqual([['php-eval-request', ["@EvAl($_POST["]]]);
    // Java is case-sensitive: no match for a different spelling
    expect(matchContent('<% runtime.getruntime().exec(request.getparameter("c")); %>', 'jsp', 60, rules)).toEqual([]);
    expect(matchContent('<?php $auth_pass = ""; $default_action = "FilesMan";', 'php', 60, rules).map((m) => m.rule.id)).toEqual(['webshell-kit-marker']);
    const jsp = '<% javax.script.ScriptEngine e = new javax.script.ScriptEngineManager().getEngineByName("js"); out.print(e.eval(request.getParameter("s"))); %>';
    expect(matchContent(jsp, 'jsp', jsp.length, rules).map((m) => m.rule.id)).toEqual(['jsp-script-engine-request']);
  });
});
