import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { systemCaller } from '../iam/caller.js';
import type { IamTables } from '../iam/tables.js';
import { appendAll, hostsAudit, isoNow, type HostsDeps, type RequestMeta } from './context.js';
import { createHostIdentity } from './host-identity.js';
import type { HostsTables } from './tables.js';
import { consumeToken } from './tokens.js';

export const enrollInput = z
  .object({
    token: z.string().min(8).max(128),
    hostname: z.string().min(1).max(255),
    os: z.string().max(255).default(''),
    agentVersion: z.string().max(64).default(''),
  })
  .strict();

export type EnrollInput = z.output<typeof enrollInput>;

/** What the agent stores (the secret is returned only here). */
export interface Enrollment {
  HostId: string;
  AccountId: string;
  UserName: string;
  AccessKeyId: string;
  AccessKeySecret: string;
}

export const newHostId = (): string => randomBytes(8).toString('hex');

/**
 * Exchanges a one-time token for the host's own identity, in one transaction: the token is spent,
 * the host registered and its RAM user, group membership, policy and AccessKey created and audited.
 */
export async function enrollHost(deps: HostsDeps, meta: RequestMeta, input: EnrollInput): Promise<Enrollment> {
  const hostId = newHostId();
  const pending = new Set<'policy' | 'membership' | 'credential'>();
  const result = await deps.storage.transaction(async (trx) => {
    const db = trx as Kysely<HostsTables>;
    const now = isoNow(deps.clock);
    const token = await consumeToken(db, input.token, now, hostId);
    const who = { type: 'system' as const, principalId: `enrollment-token/${token.id}`, accountId: token.accountId };
    const ctx = { db: trx as Kysely<IamTables>, caller: systemCaller(token.accountId, meta.requestId), clock: deps.clock, sealer: deps.sealer, invalidate: (r: 'policy' | 'membership' | 'credential') => pending.add(r) };
    const { identity, audit } = await createHostIdentity(ctx, hostId, who, meta);
    await db
      .insertInto('hosts_hosts')
      .values({ id: hostId, account_id: token.accountId, hostname: input.hostname, label: token.label, user_id: identity.userId, user_name: identity.userName, os: input.os, agent_version: input.agentVersion, enrolled_at: now, last_seen_at: now })
      .execute();
    await appendAll(deps.audit, trx, [hostsAudit(who, meta, 'EnrollHost', { TokenId: token.id, hostname: input.hostname }, { HostId: hostId, UserName: identity.userName }), ...audit]);
    return { HostId: hostId, AccountId: token.accountId, UserName: identity.userName, AccessKeyId: identity.accessKeyId, AccessKeySecret: identity.accessKeySecret };
  });
  for (const r of pending) deps.invalidate(r);
  return result;
}
