import type { ScanReport } from './scan.js';

const MARK = { passed: 'pass', failed: 'FAIL', 'not applicable': 'n/a' } as const;
const NOTE_WIDTH = 110;

/** A one-line note under a check: the remediation of a failure, the reason of a not-applicable. */
function note(label: string, text: string | undefined): string[] {
  if (!text) return [];
  const flat = text.replace(/\s+/g, ' ').trim();
  return [`                 ${label}: ${flat.length > NOTE_WIDTH ? `${flat.slice(0, NOTE_WIDTH - 1)}…` : flat}`];
}

/**
 * Human-readable rendering of an offline scan: one line per check (with how to fix a failure and why
 * a check was not applicable, shortened; `--format json` has them whole), a summary per policy.
 */
export function scanTable(report: ScanReport): string {
  const lines: string[] = [];
  if (report.os) lines.push(`host: ${report.os.prettyName}${report.root === '/' ? '' : ` (root ${report.root})`}`, '');
  for (const p of report.policies) {
    lines.push(`${p.name} (${p.id})`);
    if (p.skipped) {
      lines.push(`  skipped: ${p.skipped}`, '');
      continue;
    }
    for (const c of p.checks) {
      lines.push(`  ${MARK[c.result].padEnd(4)}  ${String(c.id).padEnd(8)} ${c.title}`);
      lines.push(...(c.result === 'failed' ? note('fix', c.remediation) : c.result === 'not applicable' ? note('why', c.reason) : []));
    }
    const s = p.summary;
    lines.push(`  passed ${s.passed}, failed ${s.failed}, not applicable ${s.notApplicable}, score ${s.score}%`, '');
  }
  const inv = report.inventory;
  if (inv) lines.push(`inventory: ${inv.packages.length} packages, ${inv.ports.length} listening ports, ${inv.users.length} users, ${inv.processes.length} processes`);
  const s = report.summary;
  lines.push(`total: passed ${s.passed}, failed ${s.failed}, not applicable ${s.notApplicable}`);
  return `${lines.join('\n')}\n`;
}
