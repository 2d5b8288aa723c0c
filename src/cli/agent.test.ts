import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../agent/test-support/tree.js';
import { registerAgent } from './agent.js';
import { runCli } from './test-support/run-cli.js';

const run = (args: string[]) => runCli(registerAgent, args);

const POLICY = `
policy: {id: mine, name: My policy}
checks:
  - id: 1
    title: login.defs caps password age
    condition: all
    rules: ['f:/etc/login.defs -> n:^PASS_MAX_DAYS\\s+(\\d+) compare <= 365']
  - id: 2
    title: telnetd is not running
    condition: none
    rules: ['p:in.telnetd']
`;

describe('bulwark agent scan --once', () => {
  const root = writeTree({
    'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
    'etc/login.defs': 'PASS_MAX_DAYS 90\n',
    'proc/1/comm': 'systemd\n',
  });
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-agent-'));
  const policyFile = join(dir, 'mine.yml');
  writeFileSync(policyFile, POLICY);
  writeFileSync(join(dir, 'bad.yml'), 'policy: {id: x}\nchecks: []\n');
  afterAll(() => {
    removeTree(root);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--policy runs the given files; --format json prints one document; exit 0 when nothing fails', async () => {
    const { stdout, exitCode } = await run(['agent', 'scan', '--once', '--root', root, '--policy', policyFile, '--format', 'json', '--no-inventory']);
    expect(exitCode).toBe(0);
    const doc = JSON.parse(stdout) as { os: unknown; policies: Array<{ id: string; checks: Array<{ id: number; result: string }> }>; summary: { passed: number } };
    expect(doc.policies.map((p) => p.id)).toEqual(['mine']);
    expect(doc.policies[0]!.checks.map((c) => [c.id, c.result])).toEqual([[1, 'passed'], [2, 'passed']]);
    expect(doc.summary.passed).toBe(2);
  });

  it('built-in policies by default, with the inventory; exit 1 when a check fails; table output', async () => {
    const json = await run(['agent', 'scan', '--once', '--root', root, '--format', 'json']);
    expect(json.exitCode).toBe(1);
    const doc = JSON.parse(json.stdout) as { os: { id: string }; inventory: { os: { versionCodename: string } }; policies: Array<{ id: string; skipped?: string; summary: { failed: number } }> };
    expect(doc.os.id).toBe('debian');
    expect(doc.inventory.os.versionCodename).toBe('bookworm');
    expect(doc.policies.find((p) => p.id === 'bulwark_linux')?.summary.failed).toBeGreaterThan(0);
    expect(doc.policies.find((p) => p.id === 'bulwark_rhel9')?.skipped).toMatch(/requirements not met/);
    const table = await run(['agent', 'scan', '--once', '--root', root, '--no-inventory']);
    expect(table.stdout).toMatch(/FAIL\s+90021\s+Passwords cannot be changed again within a day/);
    expect(table.stdout).toMatch(/n\/a\s+90001\s+SSH: root cannot log in directly/);
    expect(table.stdout).toContain('skipped: requirements not met');
    expect(table.stdout).toMatch(/^host: Debian GNU\/Linux 12 \(bookworm\) \(root /);
  });

  it('usage errors exit 2: no --once, a bad format, an invalid or missing policy, a missing root', async () => {
    expect((await run(['agent', 'scan', '--root', root])).exitCode).toBe(2);
    expect((await run(['agent', 'scan', '--once', '--root', root, '--format', 'xml'])).exitCode).toBe(2);
    const bad = await run(['agent', 'scan', '--once', '--root', root, '--policy', join(dir, 'bad.yml')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('Agent.Baseline.InvalidPolicy');
    expect((await run(['agent', 'scan', '--once', '--root', root, '--policy', join(dir, 'none.yml')])).exitCode).toBe(2);
    expect((await run(['agent', 'scan', '--once', '--root', join(dir, 'nope')])).exitCode).toBe(2);
  });
});

describe('bulwark agent scan --once --no-commands', () => {
  const root = writeTree({ 'etc/os-release': 'ID=debian\n' });
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-agent-c-'));
  const policyFile = join(dir, 'c.yml');
  writeFileSync(policyFile, "policy: {id: c, name: C}\nchecks:\n  - {id: 1, title: echo, condition: all, rules: ['c:echo hi -> r:^hi$']}\n");
  afterAll(() => {
    removeTree(root);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs command rules by default and reports them not applicable with --no-commands', async () => {
    const withCommands = JSON.parse((await run(['agent', 'scan', '--once', '--root', root, '--policy', policyFile, '--format', 'json', '--no-inventory'])).stdout) as { summary: { passed: number } };
    expect(withCommands.summary.passed).toBe(1);
    const without = JSON.parse((await run(['agent', 'scan', '--once', '--root', root, '--policy', policyFile, '--format', 'json', '--no-inventory', '--no-commands'])).stdout) as { policies: Array<{ checks: Array<{ result: string; reason: string }> }> };
    expect(without.policies[0]!.checks[0]).toMatchObject({ result: 'not applicable', reason: 'command rules are not allowed (agent configuration or --no-commands)' });
  });
});

describe('bulwark agent scan --once table output', () => {
  const root = writeTree({ 'etc/os-release': 'ID=debian\nVERSION_CODENAME=bookworm\n', 'etc/login.defs': 'PASS_MAX_DAYS 99999\n' });
  afterAll(() => removeTree(root));

  it('says how to fix a failed check and why a check was not applicable', async () => {
    const { stdout } = await run(['agent', 'scan', '--once', '--root', root, '--no-inventory', '--no-commands']);
    expect(stdout).toMatch(/FAIL\s+90020\s+Passwords expire within 365 days\n\s+fix: Set `PASS_MAX_DAYS 365`/);
    expect(stdout).toMatch(/n\/a\s+90001\s+SSH: root cannot log in directly\n\s+why: cannot read \/etc\/ssh\/sshd_config \(ENOENT\)/);
  });
});

describe('bulwark agent scan --once warnings', () => {
  const root = writeTree({ 'etc/os-release': 'ID=debian\n', 'etc/issue': 'Debian\n' });
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-agent-w-'));
  const policyFile = join(dir, 'w.yml');
  writeFileSync(policyFile, "policy: {id: w, name: W}\nchecks:\n  - {id: 7, title: lookahead, condition: all, rules: ['f:/etc/issue -> r:Deb(?=ian)']}\n");
  afterAll(() => {
    removeTree(root);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a rule RE2 cannot run is not applicable, with a warning on stderr naming the check', async () => {
    const r = await run(['agent', 'scan', '--once', '--root', root, '--policy', policyFile, '--format', 'json', '--no-inventory']);
    expect(r.stderr).toContain('warning: w check 7: The regex "Deb(?=ian)" uses a look-ahead');
    const doc = JSON.parse(r.stdout) as { policies: Array<{ checks: Array<{ result: string }> }>; warnings: unknown[] };
    expect(doc.policies[0]!.checks[0]!.result).toBe('not applicable');
    expect(doc.warnings).toHaveLength(1);
  });
});
