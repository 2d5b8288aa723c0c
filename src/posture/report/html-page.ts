/**
 * Building blocks of the self-contained HTML reports (findings here, compliance reports in
 * `compliance/`): one page with inline CSS, no scripts, no external assets; everything escaped.
 */
import type { Severity } from '../check.js';
import { escapeMarkup } from './escape.js';

export const esc = escapeMarkup;

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--critical:#8b0000;--high:#cf222e;--medium:#bc4c00;--low:#9a6700;--info:#59636e;--ok:#1a7f37}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 32px;border-bottom:1px solid var(--line);background:var(--soft)}h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:var(--muted)}
main{padding:24px 32px;max-width:1400px}h2{font-size:17px;margin:28px 0 10px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:110px}.card b{display:block;font-size:24px}
.card.critical b{color:var(--critical)}.card.high b{color:var(--high)}.card.medium b{color:var(--medium)}.card.low b{color:var(--low)}.card.ok b{color:var(--ok)}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}th{background:var(--soft);font-weight:600}
.sev{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600;text-transform:uppercase}
.sev.critical{background:var(--critical)}.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}.sev.low{background:var(--low)}.sev.info{background:var(--info)}
.status.pass{color:var(--ok);font-weight:600}.status.fail{color:var(--high);font-weight:600}.status.manual,.status.not_applicable{color:var(--muted)}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere}
details summary{cursor:pointer;color:#0969da}.muted{color:var(--muted)}
@media print{details{display:block}details>summary{display:none}}
`;

/** A complete HTML document. `body` must already be escaped markup. */
export function htmlPage(title: string, subtitle: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(title)}</title><style>${CSS}</style></head>\n<body><header><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></header><main>\n${body}\n</main></body></html>\n`;
}

export function severityBadge(severity: Severity): string {
  return `<span class="sev ${esc(severity)}">${esc(severity)}</span>`;
}

/** Summary cards: label → count, with a CSS class (a severity or `ok`). */
export function cards(items: ReadonlyArray<{ label: string; value: number | string; kind?: string }>): string {
  return `<div class="cards">${items.map((i) => `<div class="card ${esc(i.kind ?? '')}"><b>${esc(i.value)}</b>${esc(i.label)}</div>`).join('')}</div>`;
}
