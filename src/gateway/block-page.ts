import type { ServerResponse } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import type { ErrorCode } from '../core/errors.js';
import { ERRORS, formatTemplate } from '../core/errors.js';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  403: 'Access denied',
  404: 'Unknown site',
  413: 'Request too large',
  429: 'Too many requests',
  502: 'Origin unreachable',
  504: 'Origin timeout',
};

/** The error code shown for a refusal status. */
export function codeForStatus(status: number, reason: string): ErrorCode {
  if (status === 400) return 'Gateway.BadRequest';
  if (status === 404) return 'Gateway.UnknownSite';
  if (status === 413) return 'Gateway.PayloadTooLarge';
  if (status === 429) return 'Gateway.RateLimited';
  if (status === 502) return 'Gateway.UpstreamUnavailable';
  if (status === 504) return 'Gateway.UpstreamTimeout';
  if (reason === 'client certificate') return 'Gateway.ClientCertificateRequired';
  return 'Gateway.AccessDenied';
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface BlockPage {
  status: number;
  reason: string;
  requestId: string;
  params?: Readonly<Record<string, string | number>>;
}

/** Renders the branded block page (HTML, or a JSON error body for API clients). */
export function renderBlockPage(page: BlockPage, accept: string | undefined): { contentType: string; body: string } {
  const code = codeForStatus(page.status, page.reason);
  const message = formatTemplate(ERRORS[code].message, { reason: page.reason, ...page.params });
  if (accept !== undefined && accept.includes('application/json') && !accept.includes('text/html')) {
    return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ RequestId: page.requestId, Code: code, Message: message }) };
  }
  const title = TITLES[page.status] ?? 'Request refused';
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${page.status} ${escapeHtml(title)} · Bulwark</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1f2933;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;box-shadow:0 4px 24px #0001;padding:2.5rem 3rem;max-width:34rem}
h1{margin:0 0 .5rem;font-size:1.6rem}.brand{color:#0b6bcb;font-weight:700;letter-spacing:.04em}code{background:#eef2f6;padding:.15rem .4rem;border-radius:4px}</style></head>
<body><main><div class="brand">BULWARK</div><h1>${page.status} · ${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>Request id: <code>${escapeHtml(page.requestId)}</code></p>
<p><small>If you believe this is a mistake, contact the site owner and quote the request id.</small></p></main></body></html>
`;
  return { contentType: 'text/html; charset=utf-8', body };
}

/** Writes a block page response (connection stays usable unless `close`). */
export function sendBlockPage(res: ServerResponse, page: BlockPage, accept: string | undefined, extra?: OutgoingHttpHeaders, close = false): void {
  const { contentType, body } = renderBlockPage(page, accept);
  const headers: OutgoingHttpHeaders = {
    ...extra,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-request-id': page.requestId,
  };
  // HTTP/2 has no Connection header (only this stream ends); on HTTP/1.1 it closes the socket.
  if (close && !('stream' in res)) headers.connection = 'close';
  res.writeHead(page.status, headers);
  res.end(body);
}
