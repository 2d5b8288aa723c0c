import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDir } from './support.js';

beforeAll(() => assertBuilt());

describe('bulwark CLI', () => {
  it('lists exactly the commands that exist', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    const commands = [...r.stdout.matchAll(/^\s{2}(\w[\w-]*)\b/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['dev', 'server', 'migrate', 'config', 'audit', 'version']));
  });

  it('prints its version', () => {
    const r = runCli(['version', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('exits 2 on unknown commands and options', () => {
    expect(runCli(['frobnicate']).status).toBe(2);
    expect(runCli(['server', '--no-such-flag']).status).toBe(2);
  });

  it('exits 2 naming the field for a bad config value, without a stack trace', () => {
    const r = runCli(['server', '--data-dir', tempDir(), '--listen', 'nowhere']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('InvalidConfig');
    expect(r.stderr).toContain('"listen" (from a flag)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const env = runCli(['server', '--data-dir', tempDir()], { BULWARK_DATABASE_URL: 'mysql://db' });
    expect(env.status).toBe(2);
    expect(env.stderr).toContain('BULWARK_DATABASE_URL');
  });

  it('checks config files', () => {
    const dir = tempDir();
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(good, 'dataDir: /var/lib/bulwark\nlisten: 0.0.0.0:8080\n');
    writeFileSync(bad, 'dataDir: /var/lib/bulwark\nshutdownTimeout: -1\n');
    const ok = runCli(['config', 'check', '--config', good, '--format', 'json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, config: { listen: '0.0.0.0:8080' } });
    const ko = runCli(['config', 'check', '--config', bad]);
    expect(ko.status).toBe(2);
    expect(ko.stderr).toContain('"shutdownTimeout"');
  });

  it('migrates a fresh data dir, then reports it up to date', () => {
    const dir = tempDir();
    const first = runCli(['migrate', '--data-dir', dir, '--format', 'json']);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).applied).toContain('audit:0001_trail');
    const second = runCli(['migrate', '--data-dir', dir, '--format', 'json']);
    expect(JSON.parse(second.stdout).applied).toEqual([]);
  });
});
