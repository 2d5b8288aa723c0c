import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { Caller } from '../iam/caller.js';
import { hostsAudit, isoNow, type HostsDeps, type RequestMeta } from './context.js';
import type { HostsTables } from './tables.js';

export const TOKEN_PREFIX = 'bwe_';
export const MIN_TOKEN_TTL_SECONDS = 1;
export const MAX_TOKEN_TTL_SECONDS = 30 * 86_400;

export const createTokenInput = z
  .object({
    ttlSeconds: z.number().int().min(MIN_TOKEN_TTL_SECONDS).max(MAX_TOKEN_TTL_SECONDS).default(3600),
    label: z.string().max(128).regex(/^[\w .@:/-]*$/, 'letters, digits, space and . _ @ : / -').default(''),
  })
  .strict();

export interface CreatedToken {
  TokenId: string;
  /** shown once: only its SHA-256 is stored */
  Token: string;
  Label: string;
  ExpiresAt: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a one-time enrollment token for the caller's account (audited; the token is returned only here). */
export async function createEnrollmentToken(deps: HostsDeps, caller: Caller, meta: RequestMeta, input: z.output<typeof createTokenInput>): Promise<CreatedToken> {
  const { ttlSeconds, label } = input;
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  const id = `et-${randomBytes(8).toString('hex')}`;
  const createdAt = isoNow(deps.clock);
  const expiresAt = `${new Date(deps.clock.now().getTime() + ttlSeconds * 1000).toISOString().slice(0, 19)}Z`;
  await deps.storage.transaction(async (trx) => {
    await (trx as Kysely<HostsTables>)
      .insertInto('hosts_enrollment_tokens')
      .values({ id, account_id: caller.accountId, token_hash: tokenHash(token), label, created_by: caller.principalName, created_at: createdAt, expires_at: expiresAt, used_at: null, host_id: null })
      .execute();
    await deps.audit.append(trx, hostsAudit(caller, meta, 'CreateEnrollmentToken', { ttlSeconds, label }, { TokenId: id, ExpiresAt: expiresAt }));
  });
  return { TokenId: id, Token: token, Label: label, ExpiresAt: expiresAt };
}

/**
 * Spends a token inside the enrollment transaction: it must exist, be unexpired and unused. The
 * conditional update makes concurrent enrollments with one token race safely (one wins).
 */
export async function consumeToken(db: Kysely<HostsTables>, token: string, now: string, hostId: string): Promise<{ id: string; accountId: string; label: string }> {
  const hash = tokenHash(token);
  const row = await db.selectFrom('hosts_enrollment_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!row) throw new BulwarkError('Hosts.InvalidToken', { reason: 'unknown token' });
  if (row.used_at !== null) throw new BulwarkError('Hosts.InvalidToken', { reason: 'already used' });
  if (row.expires_at <= now) throw new BulwarkError('Hosts.InvalidToken', { reason: 'expired' });
  const r = await db.updateTable('hosts_enrollment_tokens').set({ used_at: now, host_id: hostId }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new BulwarkError('Hosts.InvalidToken', { reason: 'already used' });
  return { id: row.id, accountId: row.account_id, label: row.label };
}

export interface TokenView {
  TokenId: string;
  Label: string;
  CreatedBy: string;
  CreateDate: string;
  ExpiresAt: string;
  /** `unused`, `used` (with the host) or `expired` */
  Status: 'unused' | 'used' | 'expired';
  UsedAt?: string;
  HostId?: string;
}

/** The account's enrollment tokens, newest first (never the token itself: only its hash is stored). */
export async function listEnrollmentTokens(db: Kysely<HostsTables>, accountId: string, now: string): Promise<TokenView[]> {
  const rows = await db.selectFrom('hosts_enrollment_tokens').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id').limit(1000).execute();
  return rows.map((r) => ({
    TokenId: r.id,
    Label: r.label,
    CreatedBy: r.created_by,
    CreateDate: r.created_at,
    ExpiresAt: r.expires_at,
    Status: r.used_at !== null ? 'used' : r.expires_at <= now ? 'expired' : 'unused',
    ...(r.used_at ? { UsedAt: r.used_at } : {}),
    ...(r.host_id ? { HostId: r.host_id } : {}),
  }));
}

/** Revokes a token that has not been used (audited); a used one belongs to its host's history. */
export async function revokeEnrollmentToken(deps: HostsDeps, caller: Caller, meta: RequestMeta, tokenId: string): Promise<void> {
  await deps.storage.transaction(async (trx) => {
    const db = trx as Kysely<HostsTables>;
    const r = await db.deleteFrom('hosts_enrollment_tokens').where('account_id', '=', caller.accountId).where('id', '=', tokenId).where('used_at', 'is', null).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw new BulwarkError('Hosts.TokenNotFound', { token: tokenId });
    await deps.audit.append(trx, hostsAudit(caller, meta, 'RevokeEnrollmentToken', { TokenId: tokenId }));
  });
}
