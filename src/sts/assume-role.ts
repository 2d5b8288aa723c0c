import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { IamContext } from '../iam/context.js';
import { newAccessKeySecret } from '../iam/ids.js';
import { authorize, compilePolicy, parsePolicyDocument, requestContext } from '../iam/policy/index.js';
import type { IamTables } from '../iam/tables.js';
import { callerArn, parseRoleArn } from './arn.js';
import type { StsTables } from './tables.js';

export interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number | undefined;
  Policy?: string | undefined;
  ExternalId?: string | undefined;
}

export interface AssumeRoleResult {
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
  Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
}

export const MIN_DURATION_SECONDS = 900;
export const stsSealContext = (accessKeyId: string): string => `sts/session/${accessKeyId}`;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Db = Kysely<IamTables & StsTables>;

/**
 * Issues temporary credentials for a role. The dispatcher has already checked that the caller's
 * own policies allow `sts:AssumeRole` on the role ARN; here the role's trust policy must name the
 * caller (its account root, the user or the role session), with `sts:ExternalId` available to conditions.
 */
export async function assumeRole(ctx: IamContext, input: AssumeRoleInput): Promise<AssumeRoleResult> {
  const db = ctx.db as unknown as Db;
  const parsed = parseRoleArn(input.RoleArn);
  if (!parsed) throw new BulwarkError('InvalidParameter', { field: 'RoleArn', reason: 'expected acs:ram::<accountId>:role/<roleName>' });
  const role = await db.selectFrom('iam_roles').selectAll().where('account_id', '=', parsed.accountId).where((eb) => eb(eb.fn('lower', ['name']), '=', parsed.roleName.toLowerCase())).executeTakeFirst();
  if (!role) throw new BulwarkError('EntityNotExist.Role', { name: parsed.roleName });
  const duration = input.DurationSeconds ?? 3600;
  if (duration < MIN_DURATION_SECONDS || duration > role.max_session_duration) {
    throw new BulwarkError('InvalidParameter', { field: 'DurationSeconds', reason: `must be ${MIN_DURATION_SECONDS}–${role.max_session_duration} (the role's MaxSessionDuration)` });
  }
  if (input.Policy !== undefined) parsePolicyDocument(input.Policy);

  const caller = ctx.caller;
  const ids = [`acs:ram::${caller.accountId}:root`, caller.accountId, callerArn(caller)];
  if (caller.principalType === 'role') ids.push(`acs:ram::${caller.accountId}:role/${caller.principalName.toLowerCase()}`);
  const trust = compilePolicy(role.trust_policy, { policyName: role.name, policyType: 'AssumeRolePolicy' }, { kind: 'trust' });
  const decision = authorize(
    {
      action: 'sts:AssumeRole',
      resource: input.RoleArn,
      principal: { type: 'RAM', ids },
      context: requestContext({ sourceIp: caller.sourceIp, secureTransport: caller.secureTransport, mfaPresent: caller.mfaPresent, currentTime: ctx.clock.now(), keys: input.ExternalId ? { 'sts:ExternalId': input.ExternalId } : {} }),
    },
    { identity: [trust], identityPolicyType: 'AssumeRolePolicy' },
  );
  if (!decision.allowed) throw new BulwarkError('NoPermission.RoleTrust', { role: role.name, principal: callerArn(caller) });

  const accessKeyId = `STS.${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
  const secret = newAccessKeySecret();
  const token = `CAIS${randomBytes(48).toString('base64')}`;
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + duration * 1000);
  const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
  await db
    .insertInto('sts_sessions')
    .values({
      access_key_id: accessKeyId,
      account_id: role.account_id,
      role_id: role.id,
      role_name: role.name,
      trust_hash: sha256(role.trust_policy),
      session_name: input.RoleSessionName,
      secret_sealed: ctx.sealer.seal(secret, stsSealContext(accessKeyId)),
      token_hash: sha256(token),
      session_policy: input.Policy ?? null,
      caller_arn: callerArn(caller),
      created_at: iso(now),
      expires_at: iso(expires),
    })
    .execute();
  return {
    AssumedRoleUser: { Arn: `acs:ram::${role.account_id}:assumed-role/${role.name.toLowerCase()}/${input.RoleSessionName}`, AssumedRoleId: `${role.id}:${input.RoleSessionName}` },
    Credentials: { AccessKeyId: accessKeyId, AccessKeySecret: secret, SecurityToken: token, Expiration: iso(expires) },
  };
}
