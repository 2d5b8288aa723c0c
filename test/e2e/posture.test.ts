import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDir } from './support.js';

beforeAll(() => assertBuilt());

describe('bulwark posture report (built CLI)', () => {
  it('scores a freshly initialised data dir: the root AccessKey fails CIS 1.2, manual stays manual', () => {
    const dir = tempDir('bw-e2e-posture-');
    const init = runCli(['init', '--data-dir', dir, '--json']);
    expect(init.status).toBe(0);
    const { accountId } = JSON.parse(init.stdout) as { accountId: string };

    const r = runCli(['posture', 'report', '--framework', 'cis-alibaba-2.0', '--data-dir', dir]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { accountId: string; summary: { requirements: number; manual: number }; requirements: { id: string; status: string }[] };
    expect(report.accountId).toBe(accountId);
    expect(report.summary.requirements).toBe(85);
    expect(report.requirements.find((q) => q.id === '1.2')?.status).toBe('failed');
    expect(report.requirements.find((q) => q.id === '1.1')?.status).toBe('manual');

    const html = join(dir, 'iso.html');
    const h = runCli(['posture', 'report', '--framework', 'iso27001-2022', '--format', 'html', '--data-dir', dir, '--output', html]);
    expect(h.status).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('ISO/IEC 27001:2022 Annex A');

    expect(runCli(['posture', 'report', '--framework', 'nist', '--data-dir', dir]).status).toBe(2);
  });
});
