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
