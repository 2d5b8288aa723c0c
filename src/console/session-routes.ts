import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import * as names from '../iam/names.js';
import type { SessionView } from '../iam/sessions.js';
import { sessionCookie } from './cookies.js';
import { cookieOf, meta, parse, requireCsrf, type ConsoleDeps } from './http.js';

const signinBody = z.object({ account: z.string().min(1).max(64), userName: names.userName, password: z.string().min(1).max(128) });
const codeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'expected 6 digits') });
const bindBody = z.object({ serialNumber: z.string().min(1).max(128), code1: z.string().regex(/^\d{6}$/, 'expected 6 digits'), code2: z.string().regex(/^\d{6}$/, 'expected 6 digits') });
const passwordBody = z.object({ oldPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) });

/** What the console shows of a session (output guard: exactly these fields). */
export const publicSessionSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  userName: z.string(),
  nextStep: z.enum(['mfa', 'mfa_bind', 'password_change', 'active']),
  mfa: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  sourceIp: z.string(),
  userAgent: z.string(),
});

export function publicSession(s: SessionView): z.output<typeof publicSessionSchema> {
  return publicSessionSchema.parse({ id: s.id, accountId: s.accountId, userName: s.userName, nextStep: s.state, mfa: s.mfa, createdAt: s.createdAt, expiresAt: s.expiresAt, sourceIp: s.sourceIp, userAgent: s.userAgent });
}

/** Sign-in, the MFA steps, password change, sign-out and the user's own sessions. */
export function sessionRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const { platform, signin, sessions } = deps;
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
  // After a reload the page has lost its CSRF token: a same-origin GET (the cookie is SameSite=Strict) issues a new one.
  app.get('/session/csrf', async (req) => {
    const cookie = cookieOf(req);
    await sessions.find(cookie);
    return { csrfToken: await sessions.rotateCsrf(cookie!) };
  });
  app.delete('/session', async (req, reply) => {
    const cookie = await requireCsrf(deps, req);
    await signin.signOut(cookie, meta(req));
    void reply.header('set-cookie', sessionCookie('', { secure: req.protocol === 'https', maxAgeSeconds: 0 }));
    return { signedOut: true };
  });
  app.post('/session/mfa', async (req) => {
    const cookie = await requireCsrf(deps, req);
    return { session: publicSession(await signin.verifyMfa(cookie, parse(codeBody, req.body).code, meta(req))) };
  });
  app.post('/session/mfa/setup', async (req) => {
    const cookie = await requireCsrf(deps, req);
    const created = await signin.setupMfa(cookie, meta(req));
    return { serialNumber: created.SerialNumber, seed: created.Base32StringSeed, otpauthUri: Buffer.from(created.QRCodePNG, 'base64').toString('utf8') };
  });
  app.post('/session/mfa/bind', async (req) => {
    const cookie = await requireCsrf(deps, req);
    return { session: publicSession(await signin.bindMfa(cookie, parse(bindBody, req.body), meta(req))) };
  });
  app.post('/session/password', async (req) => {
    const cookie = await requireCsrf(deps, req);
    return { session: publicSession(await signin.changePassword(cookie, parse(passwordBody, req.body), meta(req))) };
  });
  app.get('/sessions', async (req) => {
    const session = await sessions.find(cookieOf(req));
    return { sessions: (await sessions.listForUser(session.userId)).map((s) => ({ ...publicSession(s), current: s.id === session.id })) };
  });
  app.delete<{ Params: { id: string } }>('/sessions/:id', async (req) => {
    const cookie = await requireCsrf(deps, req);
    const session = await sessions.find(cookie);
    if (!(await sessions.revoke(session.userId, String(req.params.id)))) throw new BulwarkError('Console.SessionExpired');
    return { revoked: true };
  });
}
