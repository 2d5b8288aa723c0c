import type { OutgoingHttpHeaders } from 'node:http';

/** What the proxy needs to know about the DLP transform it put on a response. */
export interface DlpHeaderInfo {
  readonly inspecting: boolean;
  readonly reencoded: boolean;
}

/**
 * Response headers once DLP inspects the body (returns a new object; `headers` is not changed):
 * - re-compressed bodies change length: `Content-Length` is removed (the response goes chunked);
 *   identity bodies keep it, since every mask has the length of the value it replaces;
 * - the representation may differ from the origin's: a strong `ETag` becomes weak, and body digests
 *   (`Content-MD5`, `Digest`, `Content-Digest`, `Repr-Digest`) are removed;
 * - ranges of a masked representation cannot be served from the origin's: `Accept-Ranges: none`.
 */
export function dlpResponseHeaders(headers: OutgoingHttpHeaders, info: DlpHeaderInfo): OutgoingHttpHeaders {
  if (!info.inspecting) return { ...headers };
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-md5' || lower === 'digest' || lower === 'content-digest' || lower === 'repr-digest') continue;
    if (lower === 'content-length' && info.reencoded) continue;
    if (lower === 'etag' && typeof value === 'string' && !value.startsWith('W/')) {
      out[name] = `W/${value}`;
      continue;
    }
    if (lower === 'accept-ranges') continue;
    out[name] = value;
  }
  out['accept-ranges'] = 'none';
  return out;
}
