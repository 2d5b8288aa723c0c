/** `--format table`: one line per finding and a summary line. */
import { findingsOf, summaryOf, type ReportInput } from './findings.js';

function cell(text: string, width: number): string {
  return (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);
}

/** Paths and addresses keep their end (file name, line, resource name) when cut. */
function tail(text: string, width: number): string {
  return (text.length > width ? `…${text.slice(text.length - width + 1)}` : text).padEnd(width);
}

export function tableReport(input: ReportInput): string {
  const findings = findingsOf(input);
  const s = summaryOf(input, findings);
  const rows = findings.map((f) => [cell(f.severity.toUpperCase(), 8), cell(f.checkId, 20), tail(f.file ? `${f.file}:${f.line ?? ''}` : '', 40), tail(f.resource, 40), f.message].join(' '));
  const header = [cell('SEVERITY', 8), cell('CHECK', 20), cell('FILE:LINE', 40), cell('RESOURCE', 40), 'MESSAGE'].join(' ');
  const errors = (input.errors ?? []).map((e) => `error ${e.code}: ${e.message}`);
  const sev = (['critical', 'high', 'medium', 'low'] as const).map((k) => `${s.bySeverity[k]} ${k}`).join(', ');
  const scanned = input.scanned ? ` in ${input.scanned.files} file(s), ${input.scanned.resources} resource(s), ${(input.scanned.durationMs / 1000).toFixed(2)} s` : '';
  const summary = `${s.failed} finding(s) (${sev}); ${s.passed} passed, ${s.notApplicable} not applicable; ${s.checks} checks${scanned}${s.errors ? `; ${s.errors} file(s) could not be scanned` : ''}`;
  return [...(rows.length ? [header, ...rows] : []), ...errors, summary].join('\n') + '\n';
}
