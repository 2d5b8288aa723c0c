import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { Authorizer } from '../iam/authorizer.js';
import type { Caller } from '../iam/caller.js';
import type { SessionStore } from '../iam/sessions.js';
import type { SigninMeta, SigninService } from '../iam/signin.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import type { Platform } from '../server/platform.js';
import { toErrorBody } from '../server/error-body.js';
import { parseInput } from '../server/signed-routes.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';

export interface ConsoleDeps {
  platform: Platform;
  signin: SigninService;
  sessions: SessionStore;
  frontDoor: FrontDoor;
  authorizer: Authorizer;
}

/** Validates console input; the first problem becomes MissingParameter or InvalidParameter naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  return parseInput(schema, value ?? {}, '(body)');
}

export function meta(req: FastifyRequest): SigninMeta {
  return { sourceIp: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), requestId: req.id, secureTransport: req.protocol === 'https' };
}

export const cookieOf = (req: FastifyRequest): string | undefined => readCookie(req.headers.cookie, SESSION_COOKIE);

/** State-changing calls carry the session's CSRF token in `x-csrf-token`; returns the cookie. */
export async function requireCsrf(deps: Pick<ConsoleDeps, 'sessions'>, req: FastifyRequest): Promise<string> {
  const cookie = cookieOf(req);
  if (!cookie) throw new BulwarkError('Console.Unauthenticated');
  const header = req.headers['x-csrf-token'];
  await deps.sessions.checkCsrf(cookie, Array.isArray(header) ? header[0] : header);
  return cookie;
}

/** The caller of an active (fully signed-in) session. */
export async function activeCaller(deps: Pick<ConsoleDeps, 'sessions' | 'signin'>, req: FastifyRequest): Promise<Caller> {
  const session = await deps.sessions.find(cookieOf(req));
  if (session.state !== 'active') throw new BulwarkError('Signin.StepNotExpected', { state: session.state, expected: 'active' });
  return deps.signin.callerOf(session, meta(req));
}

/** Error bodies as the OpenAPI renders them, plus `Field` naming the offending input field. */
export function consoleErrorHandler(app: FastifyInstance, platform: Platform): void {
  app.setErrorHandler((error, req, reply) => {
    const { status, body } = toErrorBody(error, req.id, platform.hostId);
    if (status >= 500) req.log.error({ err: error }, 'console request failed');
    const params = error instanceof BulwarkError ? error.params : {};
    void reply.status(status).send({ ...body, ...(params.field !== undefined ? { Field: String(params.field) } : {}), ...(params.path !== undefined ? { PolicyPath: String(params.path) } : {}) });
  });
}

/** RAM authorization for console reads that are not OpenAPI actions (the audit trail). */
export async function authorizeOrThrow(deps: Pick<ConsoleDeps, 'authorizer'>, caller: Caller, action: string, resource: string): Promise<void> {
  const decision = await deps.authorizer.authorize(caller, { action, resource });
  if (!decision.allowed) throw new BulwarkError('NoPermission', { action, resource }, { extra: { AccessDeniedDetail: { ...decision.denied, AuthPrincipalType: 'SubUser', AuthPrincipalOwnerId: caller.accountId, AuthPrincipalDisplayName: caller.principalName } } });
}
