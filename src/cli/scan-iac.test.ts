import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerScan } from './scan.js';
import { runCli } from './test-support/run-cli.js';

const run = (args: string[]) => runCli(registerScan, args);

describe('bulwark scan iac', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-iac-'));
  writeFileSync(
    join(dir, 'main.tf'),
    `resource "alicloud_security_group_rule" "ssh" {
  type        = "ingress"
  ip_protocol = "tcp"
  port_range  = "22/22"
  cidr_ip     = "0.0.0.0/0"
}
resource "alicloud_log_store" "s" {
  retention_period = 30
}
`,
  );
  const low = mkdtempSync(join(tmpdir(), 'bw-cli-iac-low-'));
  writeFileSync(join(low, 'store.tf'), 'resource "alicloud_log_store" "s" {\n  retention_period = 30\n}\n');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(low, { recursive: true, force: true });
  });

  it('--format json: one document; exit 1 when a finding reaches --fail-on', async () => {
    const { stdout, exitCode } = await run(['scan', 'iac', dir, '--format', 'json']);
    expect(exitCode).toBe(1);
    const doc = JSON.parse(stdout) as { summary: { failed: number; bySeverity: Record<string, number> }; findings: Array<{ checkId: string; line: number }> };
    expect(doc.findings).toEqual(expect.arrayContaining([expect.objectContaining({ checkId: 'BWK-ECS-002', line: 4 }), expect.objectContaining({ checkId: 'BWK-SLS-001', line: 8 })]));
    expect(doc.summary.bySeverity.high).toBeGreaterThanOrEqual(1);
  });

  it('--fail-on high ignores low findings; table is the default format', async () => {
    const lowOnly = await run(['scan', 'iac', low, '--fail-on', 'high']);
    expect(lowOnly.exitCode).toBe(0);
    expect(lowOnly.stdout).toContain('BWK-SLS-001');
    expect(lowOnly.stdout).toMatch(/1 finding\(s\) \(0 critical, 0 high, 0 medium, 1 low\)/);
    expect((await run(['scan', 'iac', low])).exitCode).toBe(1);
  });

  it('--output writes sarif, junit and html to a file', async () => {
    for (const [format, marker] of [['sarif', '"version": "2.1.0"'], ['junit', '<testsuites'], ['html', '<!doctype html>']] as const) {
      const out = join(low, `report.${format}`);
      const { stdout } = await run(['scan', 'iac', dir, '--format', format, '--output', out]);
      expect(stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toContain(marker);
    }
  });

  it('bad usage and missing paths exit 2', async () => {
    expect((await run(['scan', 'iac', dir, '--format', 'xml'])).exitCode).toBe(2);
    expect((await run(['scan', 'iac', dir, '--fail-on', 'info'])).exitCode).toBe(2);
    const missing = await run(['scan', 'iac', join(dir, 'nope')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('Scan.PathNotFound');
  });
});
