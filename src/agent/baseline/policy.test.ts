import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicyFile, parsePolicy, unusableRules } from './policy.js';

const VALID = `
policy:
  id: "unix_audit"
  file: "sca_unix_audit.yml"
  name: "System audit"
  description: "d"
requirements:
  title: "SSH present"
  description: "r"
  condition: any
  rules:
    - 'f:$sshd_file'
variables:
  $sshd_file: /etc/ssh/sshd_config,/opt/ssh/etc/sshd_config
checks:
  - id: 4004
    title: "Password authentication disabled"
    rationale: "r"
    remediation: "m"
    compliance:
      - pci_dss: ["2.2.4"]
      - nist_800_53: ["CM.1"]
    condition: all
    rules:
      - 'f:$sshd_file -> r:^\\s*PasswordAuthentication\\s*\\t*no'
  - id: 4005
    name: "Wazuh 5 calls it name"
    compliance:
      cis: [5.1, "5.1.2"]
    references: ["https://example.com"]
    mitre: { tactic: { id: ["TA0005"] } }
    condition: none
    rules:
      - 'r:HKEY_LOCAL_MACHINE\\Software -> x'
`;

describe('SCA policy loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-sca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads policy, requirements, variables and checks (title or name; both compliance shapes; unknown keys ignored)', () => {
    const p = parsePolicy(VALID, 'unix.yml');
    expect(p).toMatchObject({ id: 'unix_audit', name: 'System audit', file: 'sca_unix_audit.yml' });
    expect(p.requirements).toMatchObject({ title: 'SSH present', condition: 'any' });
    expect(p.requirements?.rules[0]?.target).toBe('/etc/ssh/sshd_config,/opt/ssh/etc/sshd_config');
    expect(p.checks.map((c) => c.title)).toEqual(['Password authentication disabled', 'Wazuh 5 calls it name']);
    expect(p.checks[0]!.compliance).toEqual({ pci_dss: ['2.2.4'], nist_800_53: ['CM.1'] });
    expect(p.checks[1]!.compliance).toEqual({ cis: ['5.1', '5.1.2'] });
    expect(unusableRules(p)).toEqual([{ check: 4005, rule: 'r:HKEY_LOCAL_MACHINE\\Software -> x', reason: 'Windows registry rules do not apply to Linux' }]);
  });

  it.each([
    ['policy:\n  id: x\nchecks: []\n', 'policy.name'],
    ['policy: {id: x, name: y}\nchecks: []\n', 'checks'],
    ['policy: {id: x, name: y}\nchecks:\n  - {id: 1, title: t, condition: some, rules: ["f:/x"]}\n', 'checks[0].condition'],
    ['policy: {id: x, name: y}\nchecks:\n  - {id: 1, condition: all, rules: ["f:/x"]}\n', 'checks[0].title'],
    ['policy: {id: x, name: y}\nchecks:\n  - {id: 1, title: t, condition: all, rules: []}\n', 'checks[0].rules'],
    ['policy: {id: x, name: y}\nchecks:\n  - {id: 1, title: t, condition: all, rules: ["q:/x"]}\n', 'checks[0].rules[0]'],
    ['policy: {id: x, name: y}\nchecks:\n  - {id: 1, title: t, condition: all, rules: ["f:/x"]}\n  - {id: 1, title: u, condition: all, rules: ["f:/y"]}\n', 'checks[1].id'],
    ['policy: {id: x, name: y}\nvariables: {nodollar: a}\nchecks:\n  - {id: 1, title: t, condition: all, rules: ["f:/x"]}\n', 'variables.nodollar'],
    ['policy: [unclosed\n', '(document)'],
  ])('rejects an invalid document naming the field (%#: %s)', (yaml, field) => {
    expect(() => parsePolicy(yaml, 'bad.yml')).toThrow(expect.objectContaining({ code: 'Agent.Baseline.InvalidPolicy', params: expect.objectContaining({ source: 'bad.yml', field }) }));
  });

  it('reads files; a missing file is a coded error', () => {
    const file = join(dir, 'p.yml');
    writeFileSync(file, VALID);
    expect(loadPolicyFile(file).checks).toHaveLength(2);
    expect(() => loadPolicyFile(join(dir, 'missing.yml'))).toThrow(expect.objectContaining({ code: 'Agent.Baseline.PolicyNotFound' }));
  });
});
