import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { Authorizer } from '../iam/authorizer.js';
import type { IamContext } from '../iam/context.js';
import * as names from '../iam/names.js';
import type { SessionStore, SessionView } from '../iam/sessions.js';
import type { SigninMeta, SigninService } from '../iam/signin.js';
import type { IamTables } from '../iam/tables.js';
import { createUser, listUsers } from '../iam/users.js';
import type { Platform } from '../server/platform.js';
import { toErrorBody } from '../server/error-body.js';
import { SESSION_COOKIE, readCookie, sessionCookie } from './cookies.js';

export interface ConsoleRouteOptions {
  platform: Platform;
  signin: SigninService;
  sessions: SessionStore;
  authorizer: Authorizer;
}

const signinBody = z.object({ account: z.string().min(1).max(64), userName: names.userName, password: z.string().min(1).max(128) });
const codeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'expected 6 digits') });
const bindBody = z.object({ serialNumber: z.string().min(1).max(128), code1: z.string().regex(/^\d{6}$/), code2: z.string().regex(/^\d{6}$/) });
const passwordBody = z.object({ oldPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) });
const createUserBody = z.object({ userName: names.userName, displayName: names.displayName.optional(), email: names.email.optional(), comments: names.comments.optional() });
const listQuery = z.object({ marker: names.marker, maxItems: names.maxItems });

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(body)';
  if (issue.code === 'invalid_type' && issue.input === undefined) throw new BulwarkError('MissingParameter', { field });
  throw new BulwarkError('InvalidParameter', { field, reason: issue.message });
}

function meta(req: FastifyRequest): SigninMeta {
  return { sourceIp: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), requestId: req.id, secureTransport: req.protocol === 'https' };
}

function publicSession(s: SessionView) {
  return { id: s.id, accountId: s.accountId, userName: s.userName, nextStep: s.state, mfa: s.mfa, createdAt: s.createdAt, expiresAt: s.expiresAt, sourceIp: s.sourceIp, userAgent: s.userAgent };
}

/** Console API: session auth (cookie + CSRF), the same services and RAM policies as the OpenAPI. */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleRouteOptions): Promise<void> {
  const { platform, signin, sessions, authorizer } = options;

  app.setErrorHandler((error, req, reply) => {
    const { status, body } = toErrorBody(error, req.id, platform.hostId);
    if (status >= 500) req.log.error({ err: error }, 'console request failed');
    void reply.status(status).send(body);
  });

  const cookieOf = (req: FastifyRequest): string | undefined => readCookie(req.headers.cookie, SESSION_COOKIE);

  /** State-changing calls carry the session's CSRF token in `x-csrf-token`. */
  const requireCsrf = async (req: FastifyRequest): Promise<string> => {
    const cookie = cookieOf(req);
    if (!cookie) throw new BulwarkError('Console.Unauthenticated');
    const header = req.headers['x-csrf-token'];
    await sessions.checkCsrf(cookie, Array.isArray(header) ? header[0] : header);
    return cookie;
  };

  /** An active session authorized for `action` on `resource` by the caller's RAM policies. */
  const authorized = async (req: FastifyRequest, action: string, resource: (accountId: string) => string): Promise<IamContext> => {
    const session = await sessions.find(cookieOf(req));
    if (session.state !== 'active') throw new BulwarkError('Signin.StepNotExpected', { state: session.state, expected: 'active' });
    const caller = signin.callerOf(session, meta(req));
    const target = resource(caller.accountId);
    const decision = await authorizer.authorize(caller, { action, resource: target });
    if (!decision.allowed) throw new BulwarkError('NoPermission', { action, resource: target }, { extra: { AccessDeniedDetail: { ...decision.denied, AuthPrincipalType: 'SubUser', AuthPrincipalOwnerId: caller.accountId, AuthPrincipalDisplayName: caller.principalName } } });
    return { db: platform.storage.db<IamTables>() as Kysely<IamTables>, caller, clock: platform.clock, sealer: platform.sealer, invalidate: () => authorizer.invalidate() };
  };

  const setCookie = (reply: FastifyReply, req: FastifyRequest, token: string, expiresAt: string): void => {
    const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - platform.clock.now().getTime()) / 1000));
    void reply.header('set-cookie', sessionCookie(token, { secure: req.protocol === 'https', maxAgeSeconds: maxAge }));
  };

  app.post('/session', async (req, reply) => {
    const body = parse(signinBody, req.body);
    const issued = await signin.signIn(body, meta(req));
    setCookie(reply, req, issued.token, issued.session.expiresAt);
    return { session: publicSession(issued.session), csrfToken: issued.csrfToken };
  });
  app.get('/session', async (req) => ({ session: publicSession(await sessions.find(cookieOf(req))) }));
  app.delete('/session', async (req, reply) => {
    const cookie = await requireCsrf(req);
    await signin.signOut(cookie, meta(req));
    void reply.header('set-cookie', sessionCookie('', { secure: req.protocol === 'https', maxAgeSeconds: 0 }));
    return { signedOut: true };
  });
  app.post('/session/mfa', async (req) => {
    const cookie = await requireCsrf(req);
    return { session: publicSession(await signin.verifyMfa(cookie, parse(codeBody, req.body).code, meta(req))) };
  });
  app.post('/session/mfa/setup', async (req) => {
    const cookie = await requireCsrf(req);
    const created = await signin.setupMfa(cookie, meta(req));
    return { serialNumber: created.SerialNumber, seed: created.Base32StringSeed, otpauthUri: Buffer.from(created.QRCodePNG, 'base64').toString('utf8') };
  });
  app.post('/session/mfa/bind', async (req) => {
    const cookie = await requireCsrf(req);
    return { session: publicSession(await signin.bindMfa(cookie, parse(bindBody, req.body), meta(req))) };
  });
  app.post('/session/password', async (req) => {
    const cookie = await requireCsrf(req);
    return { session: publicSession(await signin.changePassword(cookie, parse(passwordBody, req.body), meta(req))) };
  });
  app.get('/sessions', async (req) => {
    const session = await sessions.find(cookieOf(req));
    return { sessions: (await sessions.listForUser(session.userId)).map((s) => ({ ...publicSession(s), current: s.id === session.id })) };
  });
  app.delete<{ Params: { id: string } }>('/sessions/:id', async (req) => {
    const cookie = await requireCsrf(req);
    const session = await sessions.find(cookie);
    if (!(await sessions.revoke(session.userId, String(req.params.id)))) throw new BulwarkError('Console.SessionExpired');
    return { revoked: true };
  });

  // Identity pages call the same services as the OpenAPI, authorized by the same RAM policies.
  app.get('/ram/users', async (req) => {
    const q = parse(listQuery, req.query);
    const ctx = await authorized(req, 'ram:ListUsers', (a) => `acs:ram::${a}:user/*`);
    const page = await listUsers(ctx, { Marker: q.marker, MaxItems: q.maxItems });
    return { users: page.items, isTruncated: page.isTruncated, marker: page.marker };
  });
  app.post('/ram/users', async (req) => {
    await requireCsrf(req);
    const body = parse(createUserBody, req.body);
    const ctx = await authorized(req, 'ram:CreateUser', (a) => `acs:ram::${a}:user/${body.userName.toLowerCase()}`);
    return platform.storage.transaction(async (trx) => {
      const user = await createUser({ ...ctx, db: trx as Kysely<IamTables> }, { UserName: body.userName, DisplayName: body.displayName, Email: body.email, Comments: body.comments });
      await platform.audit.append(trx, {
        eventName: 'CreateUser',
        eventSource: 'ram.aliyuncs.com',
        eventType: 'ConsoleOperation',
        eventRW: 'Write',
        requestId: req.id,
        requestParameters: body,
        responseElements: { User: user },
        sourceIpAddress: req.ip,
        userIdentity: { type: 'ram-user', principalId: ctx.caller.principalId, accountId: ctx.caller.accountId, userName: ctx.caller.principalName },
      });
      return { user };
    });
  });
}
