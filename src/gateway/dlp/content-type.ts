import { charsetFamily, type CharsetFamily } from './charset.js';

/** Media types DLP inspects: HTML, JSON, XML, plain text, JavaScript and CSV (and `+json`/`+xml` suffixes). */
const TEXT_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'application/json',
  'application/x-ndjson',
  'application/ndjson',
  'text/json',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'text/ecmascript',
  'text/csv',
  'application/csv',
]);

export interface ParsedContentType {
  readonly mime: string;
  readonly charset: string | undefined;
}

export function parseContentType(header: string | undefined): ParsedContentType | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const [type = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'charset') charset = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { mime: type.trim().toLowerCase(), charset };
}

export function isInspectableMime(mime: string): boolean {
  return TEXT_TYPES.has(mime) || /^application\/[a-z0-9.!#$&^_-]+\+(?:json|xml)$/.test(mime);
}

/** Content encodings the stream can decode and re-encode. */
export type DlpContentEncoding = 'identity' | 'gzip' | 'deflate' | 'br';

export function parseContentEncoding(header: string | undefined): DlpContentEncoding | undefined {
  const v = (header ?? '').trim().toLowerCase();
  if (v === '' || v === 'identity') return 'identity';
  if (v === 'gzip' || v === 'x-gzip') return 'gzip';
  if (v === 'deflate') return 'deflate';
  if (v === 'br') return 'br';
  return undefined;
}

export type InspectDecision =
  | { readonly inspect: true; readonly mime: string; readonly charset: CharsetFamily; readonly sniffCharset: boolean; readonly encoding: DlpContentEncoding }
  | { readonly inspect: false; readonly reason: 'content-type' | 'charset' | 'content-encoding' };

/**
 * Whether a response body is inspected, from its `Content-Type` and `Content-Encoding` headers.
 * Responses without a content type are not inspected (they may be binary); neither are unknown or
 * stacked encodings (`gzip, br`, `zstd`) nor charsets that are not ASCII-compatible.
 */
export function inspectionFor(contentType: string | undefined, contentEncoding: string | undefined): InspectDecision {
  const ct = parseContentType(contentType);
  if (ct === undefined || !isInspectableMime(ct.mime)) return { inspect: false, reason: 'content-type' };
  const family = charsetFamily(ct.charset);
  if (family === 'unsupported') return { inspect: false, reason: 'charset' };
  const encoding = parseContentEncoding(contentEncoding);
  if (encoding === undefined) return { inspect: false, reason: 'content-encoding' };
  const html = ct.mime === 'text/html' || ct.mime === 'application/xhtml+xml';
  return { inspect: true, mime: ct.mime, charset: family, sniffCharset: html && ct.charset === undefined, encoding };
}
