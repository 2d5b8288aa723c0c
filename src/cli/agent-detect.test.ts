import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { accepted, failures, journalLine, rfc3339Line } from '../agent/intrusion/ssh/test-support/auth-log.js';
import { field, ruleIds } from '../agent/intrusion/test-support/ecs-field.js';
import { registerAgentDetect } from './agent-detect.js';
import { runCli } from './test-support/run-cli.js';

const register = (program: Command): void => registerAgentDetect(program.command('agent'));
const run = (...args: string[]) => runCli(register, ['agent', ...args]);
const dir = mkdtempSync(join(tmpdir(), 'bw-cli-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = new Date('2026-11-29T08:00:00Z');
const attack = [...failures('203.0.113.5', ['root'], 8, T0, 1000), accepted('203.0.113.5', 'root', new Date(T0.getTime() + 20_000))];

describe('bulwark agent detect ssh', () => {
  it('--format json: one document with the ECS alerts and stats; exits 1 on alerts', async () => {
    const log = join(dir, 'auth.log');
    writeFileSync(log, `${attack.map((e) => rfc3339Line(e)).join('\n')}\n`);
    const { stdout, exitCode } = await run('detect', 'ssh', '--log', log, '--format', 'json', '--host', 'web1');
    expect(exitCode).toBe(1);
    const doc = JSON.parse(stdout) as { stats: { failures: number }; events: Array<Record<string, unknown>> };
    expect(doc.stats.failures).toBe(8);
    expect(ruleIds(doc.events)).toEqual(['ssh-bruteforce', 'ssh-success-after-failure']);
    expect(field(doc.events[1], 'event.severity')).toBe(99);
    expect(field(doc.events[1], 'host.name')).toBe('web1');
  });

  it('reads journald JSON, honours --config thresholds and prints a table', async () => {
    const log = join(dir, 'journal.json');
    writeFileSync(log, `${attack.map((e) => journalLine(e)).join('\n')}\n`);
    const config = join(dir, 'intrusion.yaml');
    writeFileSync(config, 'ssh:\n  bruteforce: { capacity: 100, leakSeconds: 10 }\n  successAfterFailure: { minFailures: 20 }\n');
    const { stdout, exitCode } = await run('detect', 'ssh', '--log', log, '--journal-json', '--config', config);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('8 failed attempts, 0 alerts');
  });

  it('remembers known logins in --state-dir', async () => {
    const log = join(dir, 'logins.log');
    const state = join(dir, 'state');
    writeFileSync(log, `${rfc3339Line(accepted('192.0.2.1', 'alice', T0))}\n`);
    expect((await run('detect', 'ssh', '--log', log, '--state-dir', state)).exitCode).toBe(0);
    writeFileSync(log, `${rfc3339Line(accepted('192.0.2.2', 'alice', T0))}\n`);
    const second = await run('detect', 'ssh', '--log', log, '--state-dir', state, '--format', 'json');
    expect(ruleIds((JSON.parse(second.stdout) as { events: [] }).events)).toEqual(['ssh-new-source']);
  });

  it('bad usage: unknown config fields, missing log', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'ssh:\n  bruteforce: { capacity: 5, leakSeconds: 10, typo: 1 }\n');
    const bad = await run('detect', 'ssh', '--log', join(dir, 'auth.log'), '--config', config);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/InvalidConfig.*ssh\.bruteforce/);
    const missing = await run('detect', 'ssh', '--log', join(dir, 'nope.log'));
    expect(missing.stderr).toMatch(/Agent\.Intrusion\.LogUnreadable/);
    expect(missing.exitCode).toBe(1);
  });
});

describe('bulwark agent detect webshells', () => {
  const corpus = fileURLToPath(new URL('../agent/intrusion/webshell/test-corpus/', import.meta.url));

  it('finds the malicious samples and nothing in the benign ones', async () => {
    const bad = await run('detect', 'webshells', join(corpus, 'malicious'), '--format', 'json');
    expect(bad.exitCode).toBe(1);
    const doc = JSON.parse(bad.stdout) as { scanned: number; events: unknown[] };
    expect(doc.events).toHaveLength(doc.scanned);
    expect(field(doc.events[0], 'threat.technique.id')).toBe('T1505.003');
    const good = await run('detect', 'webshells', join(corpus, 'benign'));
    expect(good.exitCode).toBe(0);
    expect(good.stdout).toMatch(/script files scanned with \d+ rules, 0 suspected webshells/);
  });

  it('takes --rules and rejects invalid ones', async () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, 'version: 1\nrules:\n  - id: marker\n    name: Marker\n    severity: low\n    strings: [hello]\n');
    const { stdout, exitCode } = await run('detect', 'webshells', join(corpus, 'benign'), '--rules', rules, '--format', 'json');
    expect(exitCode).toBe(1);
    expect(ruleIds((JSON.parse(stdout) as { events: [] }).events)).toContain('marker');
    writeFileSync(rules, 'version: 1\nrules:\n  - id: marker\n    name: Marker\n    severity: low\n    regexes: ["(?<=a)b"]\n');
    const bad = await run('detect', 'webshells', join(corpus, 'benign'), '--rules', rules);
    expect(bad.stderr).toMatch(/Agent\.Intrusion\.InvalidRules.*rules\.0\.regexes\.0/);
  });
});

describe('bulwark agent fim', () => {
  it('baseline, then check reports changes (exit 1) until --update accepts them', async () => {
    const root = join(dir, 'www');
    cpSync(fileURLToPath(new URL('../agent/intrusion/webshell/test-corpus/benign', import.meta.url)), root, { recursive: true });
    const state = join(dir, 'fim-state');
    const base = await run('fim', 'baseline', root, '--state-dir', state, '--format', 'json');
    expect(base.exitCode).toBe(0);
    expect((JSON.parse(base.stdout) as { files: number }).files).toBeGreaterThanOrEqual(15);
    expect((await run('fim', 'check', '--state-dir', state)).exitCode).toBe(0);
    writeFileSync(join(root, 'contact-form.php'), `${readFileSync(join(root, 'contact-form.php'), 'utf8')}\n<?php @eval($_POST['x']);`);
    rmSync(join(root, 'install.php'));
    const check = await run('fim', 'check', root, '--state-dir', state, '--format', 'json', '--update');
    expect(check.exitCode).toBe(1);
    const doc = JSON.parse(check.stdout) as { changes: number; events: unknown[] };
    expect(doc.changes).toBe(2);
    expect(doc.events.map((e) => field(e, 'event.action')).sort()).toEqual(['file-modified', 'file-removed']);
    expect((await run('fim', 'check', '--state-dir', state)).exitCode).toBe(0);
  });

  it('check without a baseline names the missing file', async () => {
    const { stderr, exitCode } = await run('fim', 'check', '--state-dir', join(dir, 'empty'));
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/Agent\.Fim\.NoBaseline/);
  });
});
