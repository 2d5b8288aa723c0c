import type { ScanReport } from './scan.js';

const MARK = { passed: 'pass', failed: 'FAIL', 'not applicable': 'n/a' } as const;

/** Human-readable rendering of an offline scan: one line per check, a summary per policy. */
export function scanTable(report: ScanReport): string {
  const lines: string[] = [];
  if (report.os) lines.push(`host: ${report.os.prettyName}${report.root === '/' ? '' : ` (root ${report.root})`}`, '');
  for (const p of report.policies) {
    lines.push(`${p.name} (${p.id})`);
    if (p.skipped) {
      lines.push(`  skipped: ${p.skipped}`, '');
      continue;
    }
    for (const c of p.checks) lines.push(`  ${MARK[c.result].padEnd(4)}  ${String(c.id).padEnd(8)} ${c.title}`);
    const s = p.summary;
    lines.push(`  passed ${s.passed}, failed ${s.failed}, not applicable ${s.notApplicable}, score ${s.score}%`, '');
  }
  const inv = report.inventory;
  if (inv) lines.push(`inventory: ${inv.packages.length} packages, ${inv.ports.length} listening ports, ${inv.users.length} users, ${inv.processes.length} processes`);
  const s = report.summary;
  lines.push(`total: passed ${s.passed}, failed ${s.failed}, not applicable ${s.notApplicable}`);
  return `${lines.join('\n')}\n`;
}
