import type { Kysely } from 'kysely';
import { raiseSystemAlert } from '../../../events/alerts/alert-store.js';
import { createAccessKey } from '../../../iam/access-keys.js';
import { attachPolicy } from '../../../iam/attachments.js';
import type { IamContext } from '../../../iam/context.js';
import { addUserToGroup, createGroup } from '../../../iam/groups.js';
import { createLoginProfile } from '../../../iam/login-profiles.js';
import { bindMFADevice, createVirtualMFADevice } from '../../../iam/mfa-devices.js';
import { createPolicy } from '../../../iam/policies.js';
import { base32Decode, hotp, timeStep } from '../../../iam/totp.js';
import { createUser } from '../../../iam/users.js';
import type { KmsTables } from '../../../kms/tables.js';
import type { Storage } from '../../../storage/database.js';

/**
 * Seeds an account through the RAM services: `alice` (console, no MFA, AdministratorAccess attached
 * directly, and an AccessKey), `bob` (console with MFA, in group `ops`), `ci` (API only), a custom
 * `*:*` policy; plus two KMS keys (one without rotation, one pending deletion) and a critical alert.
 */
export async function seedAccount(ctx: IamContext, storage: Storage): Promise<void> {
  await createUser(ctx, { UserName: 'alice' });
  await createLoginProfile(ctx, { UserName: 'alice', Password: 'Correct-Horse-42' });
  await attachPolicy(ctx, 'User', { PolicyType: 'System', PolicyName: 'AdministratorAccess', PrincipalName: 'alice' });
  await createAccessKey(ctx, { UserName: 'alice' });

  await createUser(ctx, { UserName: 'bob' });
  await createLoginProfile(ctx, { UserName: 'bob', Password: 'Battery-Staple-7' });
  const device = await createVirtualMFADevice(ctx, { VirtualMFADeviceName: 'bob-phone' });
  const seed = base32Decode(device.Base32StringSeed)!;
  const t = timeStep(ctx.clock.now().getTime());
  await bindMFADevice(ctx, { UserName: 'bob', SerialNumber: device.SerialNumber, AuthenticationCode1: hotp(seed, t - 1), AuthenticationCode2: hotp(seed, t) });
  await createGroup(ctx, { GroupName: 'ops' });
  await addUserToGroup(ctx, { GroupName: 'ops', UserName: 'bob' });
  await attachPolicy(ctx, 'Group', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', PrincipalName: 'ops' });

  await createUser(ctx, { UserName: 'ci' });
  await createAccessKey(ctx, { UserName: 'ci' });
  await createPolicy(ctx, { PolicyName: 'Everything', PolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) });

  const at = `${ctx.clock.now().toISOString().slice(0, 19)}Z`;
  const key = { account_id: ctx.caller.accountId, region: 'cn-hangzhou', description: '', key_spec: 'Aliyun_AES_256', key_usage: 'ENCRYPT/DECRYPT', origin: 'Aliyun_KMS', protection_level: 'SOFTWARE', creator: ctx.caller.accountId, created_at: at, updated_at: at, deletion_protection: 0, deletion_protection_description: '', primary_version_id: 'v1', rotation_interval_seconds: null, last_rotation_at: null, next_rotation_at: null };
  const kms = storage.db<KmsTables>() as Kysely<KmsTables>;
  await kms.insertInto('kms_keys').values({ ...key, id: 'key-norotate', state: 'Enabled', delete_at: null, automatic_rotation: 'Disabled' }).execute();
  await kms.insertInto('kms_keys').values({ ...key, id: 'key-doomed', state: 'PendingDeletion', delete_at: at, automatic_rotation: 'Disabled' }).execute();

  await storage.transaction((trx) => raiseSystemAlert(trx, { accountId: ctx.caller.accountId, source: 'system:test', dedupeKey: 'k1', severity: 100, title: 'Leaked AccessKey', group: {} }, ctx.clock.now().getTime()));
}
