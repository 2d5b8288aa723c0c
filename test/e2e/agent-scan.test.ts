import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCliAsync, tempDir } from './support.js';

beforeAll(() => assertBuilt());

interface Report {
  policies: Array<{ id: string; skipped?: string; checks: Array<{ id: number; result: string }> }>;
  summary: { total: number; passed: number; failed: number; notApplicable: number };
}

describe('bulwark agent scan --once (built CLI)', () => {
  it('runs the built-in policies shipped in dist/ on this machine', async () => {
    const r = await runCliAsync(['agent', 'scan', '--once', '--format', 'json', '--no-inventory']);
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.policies.map((p) => p.id)).toEqual(['bulwark_debian_ubuntu', 'bulwark_linux', 'bulwark_rhel9']);
    const ran = report.policies.filter((p) => !p.skipped).flatMap((p) => p.checks);
    expect(report.summary.total).toBe(ran.length);
  });

  it('scans a directory standing in for / with --root', async () => {
    const root = tempDir('bw-e2e-root-');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n');
    writeFileSync(join(root, 'etc/login.defs'), 'PASS_MAX_DAYS 99999\nPASS_MIN_DAYS 1\nPASS_WARN_AGE 7\n');
    const r = await runCliAsync(['agent', 'scan', '--once', '--root', root, '--format', 'json', '--no-inventory', '--no-commands']);
    expect(r.status).toBe(1);
    const linux = (JSON.parse(r.stdout) as Report).policies.find((p) => p.id === 'bulwark_linux')!;
    const result = (id: number) => linux.checks.find((c) => c.id === id)?.result;
    expect([result(90020), result(90021), result(90022), result(90001)]).toEqual(['failed', 'passed', 'passed', 'not applicable']);
  });
});
