import type { ParsedRequest } from './raw-request.js';

/**
 * The checks an HTTP/1.1 front end makes before a WAF sees a request (what Apache answers with 400 in
 * CRS CI and what the gateway's HTTP parser rejects): the method must be an RFC 9110 token, the version
 * `HTTP/<digit>.<digit>` (0.9 is no longer served), the target must not contain whitespace or control
 * characters, and header names must be tokens. Returns the status to answer with, or undefined.
 */
export function frontEndReject(req: ParsedRequest): number | undefined {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(req.method)) return 400;
  if (!/^HTTP\/\d\.\d$/.test(req.version)) return 400;
  if (/^HTTP\/0\./.test(req.version)) return 400;
  if (/[\x00-\x20\x7f]/.test(req.uri) || req.uri === '') return 400;
  for (const [k] of req.headers) if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) return 400;
  return undefined;
}
