import type { FastifyRequest } from 'fastify';
import { BulwarkError } from '../core/errors.js';
import type { SignedRequest } from './authenticate.js';
import type { CallMeta } from './dispatch.js';
import { parseForm } from './percent.js';

/**
 * The transport-free view of a signed HTTP request: exact path, decoded query, lower-cased headers
 * and the raw body (register a buffer content-type parser). With `form`, an urlencoded body also
 * yields parameters (V1 POST). Malformed percent-encoding is `InvalidParameter`.
 */
export function signedRequestFrom(req: FastifyRequest, options: { form?: boolean } = {}): SignedRequest {
  const rawUrl = req.raw.url ?? '/';
  const q = rawUrl.indexOf('?');
  const query = parseForm(q < 0 ? '' : rawUrl.slice(q + 1));
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const isForm = options.form === true && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const form = isForm ? parseForm(body.toString('utf8')) : { params: {} };
  const malformed = query.malformed ?? form.malformed;
  if (malformed !== undefined) throw new BulwarkError('InvalidParameter', { field: malformed, reason: 'malformed percent-encoding' });
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return { method: req.method, path: q < 0 ? rawUrl : rawUrl.slice(0, q), query: query.params, form: form.params, headers, body };
}

/** Request id, client address, TLS and user agent of a call, for authentication and audit. */
export function callMetaFrom(req: FastifyRequest): CallMeta {
  return { requestId: req.id, sourceIp: req.ip, secureTransport: req.protocol === 'https', ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) };
}
