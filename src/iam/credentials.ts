import type { Kysely } from 'kysely';
import type { Sealer } from '../core/sealer.js';
import { accessKeySealContext } from './access-keys.js';
import { sha256, stsSealContext } from '../sts/assume-role.js';
import type { StsTables } from '../sts/tables.js';
import type { IamTables } from './tables.js';

/** What an AccessKey id resolves to. The secret stays in memory only, never logged. */
export interface ResolvedKey {
  accessKeyId: string;
  accountId: string;
  status: 'Active' | 'Inactive';
  principalType: 'root' | 'user' | 'role';
  principalId: string;
  principalName: string;
  secret: string;
  /** STS credentials only */
  sts?: {
    tokenHash: string;
    expiresAt: string;
    /** false when the role was deleted or its trust policy changed since issue */
    valid: boolean;
    sessionName: string;
    sessionPolicy: string | null;
  };
}

/** GetAccessKeyLastUsed is exact to this resolution (Alibaba reports it to the minute or coarser). */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves AccessKey ids for signature verification. Secrets are stored sealed; decrypted ones are
 * cached in memory (bounded) and dropped on any credential change.
 */
export class CredentialStore {
  private readonly cache = new Map<string, ResolvedKey>();

  constructor(
    private readonly db: () => Kysely<IamTables>,
    private readonly sealer: Sealer,
    private readonly maxCached = 50_000,
  ) {}

  invalidate(): void {
    this.cache.clear();
  }

  /** Temporary credentials are looked up every time, so deleting the role or changing its trust revokes them at once. */
  private async resolveSts(accessKeyId: string): Promise<ResolvedKey | undefined> {
    const db = this.db() as unknown as Kysely<IamTables & StsTables>;
    const row = await db.selectFrom('sts_sessions').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst();
    if (!row) return undefined;
    const role = await db.selectFrom('iam_roles').select(['id', 'trust_policy']).where('id', '=', row.role_id).executeTakeFirst();
    return {
      accessKeyId: row.access_key_id,
      accountId: row.account_id,
      status: 'Active',
      principalType: 'role',
      principalId: row.role_id,
      principalName: row.role_name,
      secret: this.sealer.open(row.secret_sealed, stsSealContext(row.access_key_id)),
      sts: { tokenHash: row.token_hash, expiresAt: row.expires_at, valid: role !== undefined && sha256(role.trust_policy) === row.trust_hash, sessionName: row.session_name, sessionPolicy: row.session_policy },
    };
  }

  async resolve(accessKeyId: string): Promise<ResolvedKey | undefined> {
    if (accessKeyId.startsWith('STS.')) return this.resolveSts(accessKeyId);
    const hit = this.cache.get(accessKeyId);
    if (hit) return hit;
    const row = await this.db()
      .selectFrom('iam_access_keys as k')
      .leftJoin('iam_users as u', 'u.id', 'k.user_id')
      .select(['k.id', 'k.account_id', 'k.user_id', 'k.secret_sealed', 'k.status', 'u.name'])
      .where('k.id', '=', accessKeyId)
      .executeTakeFirst();
    if (!row) return undefined;
    const resolved: ResolvedKey = {
      accessKeyId: row.id,
      accountId: row.account_id,
      status: row.status,
      principalType: row.user_id ? 'user' : 'root',
      principalId: row.user_id ?? row.account_id,
      principalName: row.user_id ? (row.name ?? '') : 'root',
      secret: this.sealer.open(row.secret_sealed, accessKeySealContext(row.id)),
    };
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(accessKeyId, resolved);
    return resolved;
  }

  private readonly touched = new Map<string, string>();

  /**
   * Records use for GetAccessKeyLastUsed (best effort, outside the request's transaction). Written
   * at most once a minute per key and service: the hot path must not pay a durable write per call.
   */
  async touch(accessKeyId: string, service: string, at: string): Promise<void> {
    const key = `${accessKeyId}\u0000${service}`;
    const last = this.touched.get(key);
    if (last !== undefined && Date.parse(at) - Date.parse(last) < LAST_USED_RESOLUTION_MS) return;
    this.touched.set(key, at);
    if (this.touched.size > this.maxCached) this.touched.delete(this.touched.keys().next().value as string);
    await this.db().updateTable('iam_access_keys').set({ last_used_at: at, last_used_service: service }).where('id', '=', accessKeyId).execute();
  }
}
