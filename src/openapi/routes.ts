import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BulwarkError } from '../core/errors.js';
import { toErrorBody } from '../server/error-body.js';
import type { FrontDoor } from './dispatch.js';
import { parseForm } from './percent.js';

function headersOf(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

/** Mounts the RPC endpoint on `/` (GET and POST), as every Alibaba Cloud SDK calls it. */
export async function openapiRoutes(app: FastifyInstance, options: { frontDoor: FrontDoor; hostId: string }): Promise<void> {
  // Raw bodies: V3 signs the exact bytes, V1 POST carries parameters as a form body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const rawUrl = req.raw.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = parseForm(q < 0 ? '' : rawUrl.slice(q + 1));
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const contentType = String(req.headers['content-type'] ?? '');
    const form = contentType.startsWith('application/x-www-form-urlencoded') ? parseForm(body.toString('utf8')) : { params: {} };
    try {
      if (query.malformed !== undefined || form.malformed !== undefined) throw new BulwarkError('InvalidParameter', { field: query.malformed ?? form.malformed ?? '', reason: 'malformed percent-encoding' });
      const result = await options.frontDoor.call(
        { method: req.method, path, query: query.params, form: form.params, headers: headersOf(req), body },
        { requestId: req.id, sourceIp: req.ip, secureTransport: req.protocol === 'https', ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) },
      );
      return reply.header('content-type', 'application/json; charset=utf-8').send({ RequestId: req.id, ...result });
    } catch (e) {
      const { status, body: errorBody } = toErrorBody(e, req.id, options.hostId);
      return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(errorBody);
    }
  };
  app.get('/', handle);
  app.post('/', handle);
}
