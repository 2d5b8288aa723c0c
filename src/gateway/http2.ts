import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';

/** What the gateway reads of an HTTP/2 request, in HTTP/1.1 terms. */
export interface Http2View {
  /** Headers without pseudo-headers; `host` is the `:authority`. */
  headers: IncomingHttpHeaders;
  /** The raw list without pseudo-headers and with one `host`. */
  rawHeaders: string[];
  /** Whether DATA frames follow the HEADERS frame (HTTP/2 needs neither Content-Length nor chunking). */
  hasBody: boolean;
}

/**
 * An HTTP/2 request (from the compatibility API) seen as the HTTP/1.1 request the rest of the
 * gateway expects: `:method`/`:path`/`:scheme` dropped, `:authority` as the only `host`, so rules,
 * the WAF, the access log and the upstream request (always HTTP/1.1) work unchanged.
 */
export function http2View(req: IncomingMessage): Http2View {
  const h2 = req as unknown as Http2ServerRequest;
  const authority = h2.headers[':authority'] ?? h2.headers.host;
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(h2.headers)) {
    if (name.startsWith(':') || name === 'host') continue;
    headers[name] = value;
  }
  const rawHeaders: string[] = [];
  const raw = h2.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.startsWith(':') || name.toLowerCase() === 'host') continue;
    rawHeaders.push(name, raw[i + 1] as string);
  }
  if (authority !== undefined) {
    headers.host = authority;
    rawHeaders.unshift('host', authority);
  }
  return { headers, rawHeaders, hasBody: !h2.stream.endAfterHeaders };
}
