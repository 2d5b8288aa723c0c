/** A request as the WAF sees it after HTTP parsing. */
export interface ParsedRequest {
  readonly method: string;
  readonly uri: string;
  /** Empty for a request line without a version (HTTP/0.9). */
  readonly version: string;
  readonly headers: Array<[string, string]>;
  readonly body: string;
}

/** Decodes a chunked transfer-coded body (binary string); malformed input returns what was decoded. */
export function decodeChunked(body: string): string {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const eol = body.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = parseInt(body.slice(i, eol).split(';')[0] as string, 16);
    if (!Number.isFinite(size) || size <= 0) break;
    out += body.slice(eol + 2, eol + 2 + size);
    i = eol + 2 + size + 2;
  }
  return out;
}

/** Parses a raw HTTP/1.x request (go-ftw `encoded_request`), given as a binary string; the body is left framed as sent. */
export function parseRawRequest(raw: string): ParsedRequest | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  const lfEnd = raw.indexOf('\n\n');
  const useLf = headEnd < 0 || (lfEnd >= 0 && lfEnd < headEnd);
  const end = useLf ? lfEnd : headEnd;
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end + (useLf ? 2 : 4));
  const lines = head.split(/\r?\n/);
  const requestLine = lines.shift() ?? '';
  const m = /^(\S+) (\S+)(?: (\S+))?$/.exec(requestLine);
  if (!m) return undefined;
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { method: m[1] as string, uri: m[2] as string, version: m[3] ?? '', headers, body };
}
