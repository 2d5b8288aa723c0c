import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { createLogger } from '../../core/logger.js';
import { initAccount } from '../../iam/bootstrap.js';
import type { IamContext } from '../../iam/context.js';
import { attachPolicy } from '../../iam/attachments.js';
import { createLoginProfile } from '../../iam/login-profiles.js';
import { createUser } from '../../iam/users.js';
import { buildApp } from '../../server/app.js';
import { openPlatform, type Platform } from '../../server/platform.js';
import { rootContext } from './root-context.js';

/** A signed-in console session as a test holds it. */
export interface Signed {
  cookie: string;
  csrf: string;
  res: LightMyRequestResponse;
}

export interface ConsoleTestApp {
  platform: Platform;
  app: FastifyInstance;
  accountId: string;
  root: IamContext;
  /** Creates RAM users with a console password. */
  users(names: readonly string[], password: string): Promise<void>;
  /** Creates `admin` (AdministratorAccess) and `reader` (AliyunRAMReadOnlyAccess) with a console password. */
  adminAndReader(password: string): Promise<void>;
  signIn(userName: string, password: string, ip?: string): Promise<Signed>;
  /** A console API call (`url` under /console/api) with the session's cookie and, unless `csrf` is false, its CSRF token. */
  call(s: Signed, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, csrf?: boolean): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The whole server app in-process over a fresh SQLite data dir with one account. */
export async function openConsoleApp(clock?: Clock): Promise<ConsoleTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-console-'));
  const platform = await openPlatform({ dataDir: dir, logger: createLogger({ level: 'silent' }), ...(clock ? { clock } : {}) });
  const app = await buildApp({ platform });
  const accountId = (await initAccount(platform)).accountId;
  const root = rootContext(platform, accountId);
  const users = async (names: readonly string[], password: string): Promise<void> => {
    for (const name of names) {
      await createUser(root, { UserName: name });
      await createLoginProfile(root, { UserName: name, Password: password });
    }
  };
  return {
    platform,
    app,
    accountId,
    root,
    users,
    async adminAndReader(password) {
      await users(['admin', 'reader'], password);
      await attachPolicy(root, 'User', { PolicyType: 'System', PolicyName: 'AdministratorAccess', PrincipalName: 'admin' });
      await attachPolicy(root, 'User', { PolicyType: 'System', PolicyName: 'AliyunRAMReadOnlyAccess', PrincipalName: 'reader' });
    },
    async signIn(userName, password, ip = '127.0.0.1') {
      const res = await app.inject({ method: 'POST', url: '/console/api/session', payload: { account: accountId, userName, password }, remoteAddress: ip });
      const setCookie = String(res.headers['set-cookie'] ?? '');
      return { cookie: setCookie.split(';')[0] ?? '', csrf: res.statusCode === 200 ? (res.json() as { csrfToken: string }).csrfToken : '', res };
    },
    call(s, method, url, payload, csrf = true) {
      return app.inject({ method, url: `/console/api${url}`, headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) }, ...(payload ? { payload } : {}) });
    },
    async close() {
      await app.close();
      await platform.storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
