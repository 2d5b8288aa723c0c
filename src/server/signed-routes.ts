import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { Caller } from '../iam/caller.js';
import type { CallMeta, FrontDoor } from '../openapi/dispatch.js';
import { callMetaFrom, signedRequestFrom } from '../openapi/signed-request.js';
import { toErrorBody } from './error-body.js';

/** Who calls a route, and whether it may do `action` on `resource` (a signature, or a console session). */
export interface CallerAuth {
  /** Authenticates the request and evaluates `action` on `resource` for the caller; throws a coded error. */
  authorize(req: FastifyRequest, action: string, resource: string): Promise<Caller>;
  /** Fields added to error bodies (the console adds `Field`, naming the input field). */
  errorFields?(e: unknown): Record<string, string>;
}

/** AccessKey signatures (V1 / V3), checked by the OpenAPI front door: how every `/api/...` route authenticates. */
export function signatureAuth(frontDoor: FrontDoor): CallerAuth {
  return { authorize: (req, action, resource) => frontDoor.authenticateAndAuthorize(signedRequestFrom(req), callMetaFrom(req), action, resource) };
}

export interface SignedRoutesOptions {
  frontDoor: FrontDoor;
  hostId: string;
  /** Largest body accepted, in bytes (default 8 MiB). */
  bodyLimit?: number;
  /** How callers authenticate (default: AccessKey signatures; the console mounts the same routes with sessions). */
  auth?: CallerAuth;
}

/** What a signed (AccessKey) JSON route needs: authentication + RAM authorization, body parsing, replies. */
export interface SignedRouteKit {
  /** Authenticates the caller (signature or session) and evaluates `action` on `resource`; throws a coded error. */
  authorize(req: FastifyRequest, action: string, resource: string): Promise<Caller>;
  meta(req: FastifyRequest): CallMeta;
  /** The raw body (the signature covers these exact bytes). */
  rawBody(req: FastifyRequest): Buffer;
  /** Parses the body as JSON (empty = `{}`) and validates it; the error names the first bad field. */
  jsonBody<S extends z.ZodType>(req: FastifyRequest, schema: S): z.output<S>;
  send(reply: FastifyReply, body: Record<string, unknown>, status?: number): FastifyReply;
  /** Renders any error as an Alibaba error body. */
  fail(req: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply;
}

/** The value at `path` inside `value` (undefined when any step is missing). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * Validates `value` with `schema`, turning the first issue into `MissingParameter` (the field is
 * absent) or `InvalidParameter` (present but wrong), naming the field (`root` when the path is empty).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || root;
  // zod 4 leaves `issue.input` out unless asked: look the value up instead.
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(value, issue.path) === undefined) throw new BulwarkError('MissingParameter', { field });
  throw new BulwarkError('InvalidParameter', { field, reason: issue.message });
}

/**
 * Prepares an encapsulated Fastify plugin for signed JSON routes (not RPC actions): raw-body parsing
 * so signatures can be checked, and the helpers every such route uses. The same plugin mounted with
 * `auth` = a console session (src/console/session-mount.ts) serves the web console.
 */
export function signedRoutes(app: FastifyInstance, options: SignedRoutesOptions): SignedRouteKit {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit ?? 8 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  const rawBody = (req: FastifyRequest): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  const auth = options.auth ?? signatureAuth(options.frontDoor);
  return {
    authorize: (req, action, resource) => auth.authorize(req, action, resource),
    meta: callMetaFrom,
    rawBody,
    jsonBody(req, schema) {
      const raw = rawBody(req);
      let value: unknown;
      try {
        value = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch {
        throw new BulwarkError('InvalidParameter', { field: 'body', reason: 'expected a JSON object' });
      }
      return parseInput(schema, value);
    },
    send: (reply, body, status = 200) => reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ RequestId: reply.request.id, ...body }),
    fail(req, reply, e) {
      const { status, body } = toErrorBody(e, req.id, options.hostId);
      if (status >= 500) req.log.error({ err: e }, 'request failed');
      return reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ ...body, ...auth.errorFields?.(e) });
    },
  };
}
