import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import type { IamTables } from './tables.js';

type SessionRow = IamTables['console_sessions'];
export type SessionState = SessionRow['state'];

/** Idle timeout of console sessions; the absolute limit is the preference's LoginSessionDuration. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** A sign-in waiting for MFA or a password change must finish within this time. */
export const PENDING_TTL_MS = 5 * 60 * 1000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

export interface IssuedSession {
  /** cookie value, shown once */
  token: string;
  /** anti-CSRF token for state-changing calls, shown once */
  csrfToken: string;
  session: SessionView;
}

export interface SessionView {
  id: string;
  accountId: string;
  userId: string;
  userName: string;
  state: SessionState;
  mfa: boolean;
  sourceIp: string;
  userAgent: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

function view(row: SessionRow): SessionView {
  return {
    id: row.public_id,
    accountId: row.account_id,
    userId: row.user_id,
    userName: row.user_name,
    state: row.state,
    mfa: row.mfa_verified === 1,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export interface SessionOwner {
  accountId: string;
  userId: string;
  userName: string;
  sourceIp: string;
  userAgent: string;
}

/** Console sessions: opaque random cookie, stored hashed; CSRF token bound to the session. */
export class SessionStore {
  constructor(
    private readonly db: () => Kysely<IamTables>,
    private readonly clock: Clock,
  ) {}

  async create(trx: Kysely<IamTables>, owner: SessionOwner, state: SessionState, mfa: boolean, lifetimeMs: number): Promise<IssuedSession> {
    const t = token();
    const csrf = token();
    const now = this.clock.now();
    const row: SessionRow = {
      id_hash: hashToken(t),
      public_id: randomBytes(9).toString('base64url'),
      account_id: owner.accountId,
      user_id: owner.userId,
      user_name: owner.userName,
      state,
      mfa_verified: mfa ? 1 : 0,
      csrf_hash: hashToken(csrf),
      source_ip: owner.sourceIp,
      user_agent: owner.userAgent.slice(0, 256),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + (state === 'active' ? lifetimeMs : PENDING_TTL_MS)).toISOString(),
    };
    await trx.insertInto('console_sessions').values(row).execute();
    return { token: t, csrfToken: csrf, session: view(row) };
  }

  /** The live session of a cookie; expired or idle sessions are deleted and refused. */
  async find(cookie: string | undefined, options: { touch?: boolean } = {}): Promise<SessionView> {
    if (!cookie) throw new BulwarkError('Console.Unauthenticated');
    const db = this.db();
    const row = await db.selectFrom('console_sessions').selectAll().where('id_hash', '=', hashToken(cookie)).executeTakeFirst();
    if (!row) throw new BulwarkError('Console.SessionExpired');
    const now = this.clock.now();
    const idle = row.state === 'active' && now.getTime() - Date.parse(row.last_seen_at) > IDLE_TIMEOUT_MS;
    if (idle || now.getTime() >= Date.parse(row.expires_at)) {
      await db.deleteFrom('console_sessions').where('id_hash', '=', row.id_hash).execute();
      throw new BulwarkError('Console.SessionExpired');
    }
    if (options.touch !== false) await db.updateTable('console_sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', row.id_hash).execute();
    return view({ ...row, last_seen_at: now.toISOString() });
  }

  async checkCsrf(cookie: string, csrfToken: string | undefined): Promise<void> {
    const row = await this.db().selectFrom('console_sessions').select('csrf_hash').where('id_hash', '=', hashToken(cookie)).executeTakeFirst();
    if (!row || !csrfToken || hashToken(csrfToken) !== row.csrf_hash) throw new BulwarkError('Console.CsrfMismatch');
  }

  /** Issues a new CSRF token for a live session (the console after a page reload); the old one stops working. */
  async rotateCsrf(cookie: string): Promise<string> {
    const csrf = token();
    await this.db().updateTable('console_sessions').set({ csrf_hash: hashToken(csrf) }).where('id_hash', '=', hashToken(cookie)).execute();
    return csrf;
  }

  async advance(trx: Kysely<IamTables>, cookie: string, state: SessionState, patch: { mfa?: boolean; lifetimeMs?: number }): Promise<void> {
    const now = this.clock.now();
    await trx
      .updateTable('console_sessions')
      .set({
        state,
        ...(patch.mfa !== undefined ? { mfa_verified: patch.mfa ? 1 : 0 } : {}),
        ...(state === 'active' && patch.lifetimeMs ? { expires_at: new Date(now.getTime() + patch.lifetimeMs).toISOString() } : {}),
        last_seen_at: now.toISOString(),
      })
      .where('id_hash', '=', hashToken(cookie))
      .execute();
  }

  async delete(cookie: string): Promise<void> {
    await this.db().deleteFrom('console_sessions').where('id_hash', '=', hashToken(cookie)).execute();
  }

  async listForUser(userId: string): Promise<SessionView[]> {
    const rows = await this.db().selectFrom('console_sessions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    return rows.map(view);
  }

  /** Revokes one of the user's own sessions by its public id; false when there is none. */
  async revoke(userId: string, publicId: string): Promise<boolean> {
    const r = await this.db().deleteFrom('console_sessions').where('user_id', '=', userId).where('public_id', '=', publicId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
