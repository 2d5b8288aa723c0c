import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from '../server/error-body.js';
import type { FrontDoor } from './dispatch.js';
import { callMetaFrom, signedRequestFrom } from './signed-request.js';

/** Mounts the RPC endpoint on `/` (GET and POST), as every Alibaba Cloud SDK calls it. */
export async function openapiRoutes(app: FastifyInstance, options: { frontDoor: FrontDoor; hostId: string }): Promise<void> {
  // Raw bodies: V3 signs the exact bytes, V1 POST carries parameters as a form body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      const result = await options.frontDoor.call(signedRequestFrom(req, { form: true }), callMetaFrom(req));
      return reply.header('content-type', 'application/json; charset=utf-8').send({ RequestId: req.id, ...result });
    } catch (e) {
      const { status, body: errorBody } = toErrorBody(e, req.id, options.hostId);
      return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(errorBody);
    }
  };
  app.get('/', handle);
  app.post('/', handle);
}
