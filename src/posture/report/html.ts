/** `--format html`: a self-contained findings report (inline CSS, no assets, no scripts). */
import type { CheckMeta } from '../check.js';
import { findingsOf, summaryOf, type Finding, type ReportInput } from './findings.js';
import { cards, esc, htmlPage, severityBadge } from './html-page.js';

function remediation(c: CheckMeta | undefined): string {
  if (!c) return '';
  const r = c.remediation;
  return `<p>${esc(c.rationale)}</p><p><b>Console:</b> ${esc(r.console)}</p>${r.terraform ? `<p><b>Terraform:</b></p><pre>${esc(r.terraform)}</pre>` : ''}${r.cli ? `<p><b>CLI:</b></p><pre>${esc(r.cli)}</pre>` : ''}`;
}

function row(f: Finding, c: CheckMeta | undefined): string {
  const where = f.file ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}` : '';
  return `<tr><td>${severityBadge(f.severity)}</td><td><code>${esc(f.checkId)}</code><br>${esc(f.title)}</td><td><code>${esc(where)}</code><br><span class="muted">${esc(f.resource)}</span></td><td>${esc(f.message)}<details><summary>Evidence and remediation</summary><pre>${esc(JSON.stringify(f.evidence, null, 2))}</pre>${remediation(c)}</details></td></tr>`;
}

export function htmlReport(input: ReportInput, generatedAt: Date = new Date()): string {
  const findings = findingsOf(input);
  const s = summaryOf(input, findings);
  const meta = new Map(input.checks.map((c) => [c.id, c]));
  const summary = cards([
    { label: 'critical', value: s.bySeverity.critical, kind: 'critical' },
    { label: 'high', value: s.bySeverity.high, kind: 'high' },
    { label: 'medium', value: s.bySeverity.medium, kind: 'medium' },
    { label: 'low', value: s.bySeverity.low, kind: 'low' },
    { label: 'passed', value: s.passed, kind: 'ok' },
    { label: 'not applicable', value: s.notApplicable },
    ...(input.scanned ? [{ label: 'resources', value: input.scanned.resources }, { label: 'files', value: input.scanned.files }] : []),
  ]);
  const table = findings.length
    ? `<table><thead><tr><th>Severity</th><th>Check</th><th>Where</th><th>Finding</th></tr></thead><tbody>${findings.map((f) => row(f, meta.get(f.checkId))).join('\n')}</tbody></table>`
    : '<p class="status pass">No findings.</p>';
  const errors = input.errors?.length
    ? `<h2>Files that could not be scanned</h2><table><thead><tr><th>File</th><th>Code</th><th>Message</th></tr></thead><tbody>${input.errors.map((e) => `<tr><td><code>${esc(e.file)}</code></td><td><code>${esc(e.code)}</code></td><td>${esc(e.message)}</td></tr>`).join('')}</tbody></table>`
    : '';
  const checks = `<h2>Checks run (${input.checks.length})</h2><details><summary>Show all checks</summary><table><thead><tr><th>Id</th><th>Severity</th><th>Title</th></tr></thead><tbody>${input.checks.map((c) => `<tr><td><code>${esc(c.id)}</code></td><td>${severityBadge(c.severity)}</td><td>${esc(c.title)}</td></tr>`).join('')}</tbody></table></details>`;
  return htmlPage('Bulwark IaC findings', `${input.tool.name} ${input.tool.version} · generated ${generatedAt.toISOString()}`, `<h2>Summary</h2>${summary}\n<h2>Findings (${findings.length})</h2>${table}\n${errors}\n${checks}`);
}
