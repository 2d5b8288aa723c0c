import type { CheckResult } from '../check.js';
import { cards, htmlPage, severityBadge } from '../report/html-page.js';
import { frameworkTitle, type ComplianceReport, type Finding, type RequirementReport } from './compliance-report.js';
import { html, Raw } from './html.js';

const STATUS_LABEL: Readonly<Record<string, string>> = { passed: 'Passed', failed: 'Failed', manual: 'Manual', not_applicable: 'Not applicable', pass: 'pass', fail: 'fail', not_run: 'not run' };
const STATUS_CLASS: Readonly<Record<string, string>> = { passed: 'pass', failed: 'fail', manual: 'manual', not_applicable: 'not_applicable', pass: 'pass', fail: 'fail', not_run: 'not_applicable' };
const BAR_COLOURS = { passed: 'var(--ok)', failed: 'var(--high)', manual: 'var(--low)', notApplicable: 'var(--line)' };

function status(s: string): Raw {
  return html`<span class="status ${STATUS_CLASS[s] ?? s}">${STATUS_LABEL[s] ?? s}</span>`;
}

function where(ref: CheckResult['resource']): Raw {
  return html`<code>${ref.id}</code>${ref.file ? html`<br><span class="muted">${ref.file}${ref.line ? `:${ref.line}` : ''}</span>` : ''}`;
}

function evidenceTable(evidence: readonly CheckResult[], omitted: number): Raw {
  if (evidence.length === 0) return html`<p class="muted">No evidence: no resource was evaluated.</p>`;
  return html`<table><tr><th>Check</th><th>Result</th><th>Resource</th><th>Evidence</th></tr>${evidence.map(
    (e) => html`<tr><td><code>${e.checkId}</code></td><td>${status(e.status)}</td><td>${where(e.resource)}</td><td>${e.message}<details><summary>data</summary><pre>${JSON.stringify(e.evidence, null, 2)}</pre></details></td></tr>`,
  )}</table>${omitted > 0 ? html`<p class="muted">${omitted} more result(s) in the JSON report.</p>` : ''}`;
}

function requirementRow(r: RequirementReport): Raw {
  const checks = html`<table><tr><th>Check</th><th>Severity</th><th>Outcome</th><th>pass / fail / n/a</th></tr>${r.checks.map(
    (c) => html`<tr><td><code>${c.id}</code> ${c.title}</td><td>${new Raw(severityBadge(c.severity))}</td><td>${status(c.status)}</td><td>${c.counts.pass} / ${c.counts.fail} / ${c.counts.not_applicable}</td></tr>`,
  )}</table>`;
  return html`<tr id="req-${r.id}"><td><b>${r.id}</b></td>
<td>${r.title}${r.nameZh ? html` <span class="muted">(${r.nameZh})</span>` : ''}${r.level ? html` <span class="muted">· ${r.level}</span>` : ''}${r.note ? html`<br><span class="muted">${r.note}</span>` : ''}
${r.checks.length > 0 ? html`<details><summary>${r.reason}</summary>${checks}${evidenceTable(r.evidence, r.evidenceOmitted)}</details>` : html`<br><span class="muted">${r.reason}</span>`}</td>
<td>${status(r.status)}</td></tr>`;
}

function findingRow(f: Finding): Raw {
  return html`<tr><td>${new Raw(severityBadge(f.severity))}</td><td><code>${f.checkId}</code> ${f.title}<br>${f.message}
<details><summary>Remediation</summary><p>${f.remediation.console}</p>${f.remediation.terraform ? html`<pre>${f.remediation.terraform}</pre>` : ''}${f.remediation.cli ? html`<pre>${f.remediation.cli}</pre>` : ''}</details></td>
<td>${where(f.resource)}</td><td>${f.requirements.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="#req-${id}">${id}</a>`)}</td></tr>`;
}

/** The compliance report as one self-contained HTML page (the findings reports' page layout: inline CSS, no scripts). */
export function renderComplianceHtml(report: ComplianceReport): string {
  const s = report.summary;
  const width = (n: number) => `${s.requirements === 0 ? 0 : ((n / s.requirements) * 100).toFixed(2)}%`;
  const sections = [...new Set(report.requirements.map((r) => r.section))];
  const unavailable = Object.entries(report.sources.platform.unavailable);
  const iac = report.sources.iac;
  const body = html`${new Raw(
    cards([
      { label: 'score: passed ÷ (passed + failed)', value: s.score === null ? '—' : `${s.score}%`, kind: s.failed === 0 ? 'ok' : 'high' },
      { label: 'passed', value: s.passed, kind: 'ok' },
      { label: 'failed', value: s.failed, kind: 'high' },
      { label: 'manual', value: s.manual, kind: 'low' },
      { label: 'not applicable', value: s.notApplicable },
      { label: `automated coverage (${s.automated} of ${s.requirements})`, value: `${s.coverage}%` },
    ]),
  )}
<div style="display:flex;height:10px;border-radius:5px;overflow:hidden;margin:12px 0" title="passed / failed / manual / not applicable">${(['passed', 'failed', 'manual', 'notApplicable'] as const).map((k) => html`<span style="width:${width(s[k])};background:${BAR_COLOURS[k]}"></span>`)}</div>
<p>${report.framework.description}</p>
<p class="muted">Platform state read at ${report.sources.platform.takenAt ?? '—'}${unavailable.length > 0 ? html` (not available: ${unavailable.map(([k, v], i) => html`${i > 0 ? '; ' : ''}${k} — ${v}`)})` : ''}. IaC: ${iac.evaluated ? `${iac.resources ?? 0} resource(s) from ${iac.paths.join(', ')}` : 'not scanned (--iac PATH)'}. Requirements without an automated check are manual and never counted as passed.</p>
<h2>Requirements</h2>
${sections.map((section) => html`<h3>${section}</h3><table><tr><th style="width:100px">Id</th><th>Requirement</th><th style="width:120px">Status</th></tr>${report.requirements.filter((r) => r.section === section).map(requirementRow)}</table>`)}
<h2>Findings (${report.findings.length})</h2>
${report.findings.length === 0 ? html`<p class="muted">No failed check.</p>` : html`<table><tr><th>Severity</th><th>Finding</th><th>Resource</th><th>Requirements</th></tr>${report.findings.map(findingRow)}</table>`}`;
  return htmlPage(`${frameworkTitle(report.framework)} — compliance`, `${report.framework.publisher} · account ${report.accountId} · generated ${report.generatedAt} by Bulwark`, body.value);
}
