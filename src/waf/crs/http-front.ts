import type { ParsedRequest } from './raw-request.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HOST = /^(?:[A-Za-z0-9._~!$&'()*+,;=-]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$/;

/**
 * The checks an HTTP/1.1 front end makes before a WAF sees a request — what Apache answers with 400
 * in CRS CI, and what the gateway's HTTP parser rejects: the method is an RFC 9110 token; the version is
 * `HTTP/<digit>.<digit>` and not 0.x (a missing version is HTTP/0.9 and passes); the target is origin-form (`/…`),
 * absolute-form, authority-form `host:port` for CONNECT or `*` for OPTIONS, without whitespace, control
 * characters or a fragment; header names are tokens and values carry no control characters; Content-Length
 * is digits; a present Host is a valid host, non-empty on HTTP/1.1. Returns the status to answer with, or undefined.
 */
export function frontEndReject(req: ParsedRequest): number | undefined {
  if (!TOKEN.test(req.method)) return 400;
  if (req.version !== '' && !/^HTTP\/\d\.\d$/.test(req.version)) return 400;
  if (/^HTTP\/0\./.test(req.version)) return 400;
  const uri = req.uri;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
  if (uri === '' || /[\x00-\x20\x7f#]/.test(uri)) return 400;
  if (req.method === 'CONNECT') {
    if (!/^[^/?]+:\d+$/.test(uri)) return 400;
  } else if (!(uri.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(uri) || (uri === '*' && req.method === 'OPTIONS'))) {
    return 400;
  }
  for (const [k, v] of req.headers) {
    if (!TOKEN.test(k)) return 400;
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(v)) return 400;
    const name = k.toLowerCase();
    if (name === 'content-length' && !/^\d+$/.test(v.trim())) return 400;
    if (name === 'host' && v.trim() === '' && req.version === 'HTTP/1.1') return 400;
    if (name === 'host' && v.trim() !== '' && !HOST.test(v.trim())) return 400;
    if (name === 'host' && /%[01][0-9a-fA-F]|%7[fF]/.test(v)) return 400;
  }
  return undefined;
}
