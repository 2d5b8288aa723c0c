import type { AuditEventInput, UserIdentity } from '../audit/event.js';
import { BulwarkError } from '../core/errors.js';
import { createAccessKey, deleteAccessKey, listAccessKeys } from '../iam/access-keys.js';
import { attachPolicy, detachPolicy, listPoliciesFor } from '../iam/attachments.js';
import type { IamContext } from '../iam/context.js';
import { addUserToGroup, createGroup, listGroupsForUser, removeUserFromGroup } from '../iam/groups.js';
import { createPolicy, deletePolicy } from '../iam/policies.js';
import { createUser, deleteUser } from '../iam/users.js';
import { GET_HOST_TASKS_ACTION, REPORT_HOST_ACTION } from './api.js';
import { hostsAudit, type RequestMeta } from './context.js';

export const HOSTS_GROUP = 'bulwark-hosts';

export const hostUserName = (hostId: string): string => `host-${hostId}`;
export const hostPolicyName = (hostId: string): string => `BulwarkHost-${hostId}`;
export const hostResource = (accountId: string, hostId: string): string => `acs:bulwark:*:${accountId}:host/${hostId}`;

/** The host's own policy: report and pull tasks about `host/<hostId>`, nothing else. */
export function hostPolicyDocument(accountId: string, hostId: string): string {
  return JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: [REPORT_HOST_ACTION, GET_HOST_TASKS_ACTION], Resource: [hostResource(accountId, hostId)] }] });
}

export interface HostIdentity {
  userId: string;
  userName: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/**
 * Creates the RAM identity of a host inside the enrollment transaction (`ctx.db`): user
 * `host-<id>`, membership of `bulwark-hosts` (created on demand), the host's own policy attached
 * to the user, and an AccessKey. Every change gets an audit record, returned for the caller to append.
 */
export async function createHostIdentity(ctx: IamContext, hostId: string, who: UserIdentity, meta: RequestMeta): Promise<{ identity: HostIdentity; audit: AuditEventInput[] }> {
  const audit: AuditEventInput[] = [];
  const userName = hostUserName(hostId);
  const user = await createUser(ctx, { UserName: userName, DisplayName: userName, Comments: `Bulwark agent identity of host ${hostId}` });
  audit.push(hostsAudit(who, meta, 'CreateUser', { UserName: userName }, { UserId: user.UserId }));
  try {
    await createGroup(ctx, { GroupName: HOSTS_GROUP, Comments: 'Identities of enrolled Bulwark agents' });
    audit.push(hostsAudit(who, meta, 'CreateGroup', { GroupName: HOSTS_GROUP }));
  } catch (e) {
    if (!(e instanceof BulwarkError && e.code === 'EntityAlreadyExists.Group')) throw e;
  }
  await addUserToGroup(ctx, { GroupName: HOSTS_GROUP, UserName: userName });
  audit.push(hostsAudit(who, meta, 'AddUserToGroup', { GroupName: HOSTS_GROUP, UserName: userName }));
  const policyName = hostPolicyName(hostId);
  await createPolicy(ctx, { PolicyName: policyName, PolicyDocument: hostPolicyDocument(ctx.caller.accountId, hostId), Description: `Report about host ${hostId} only` });
  audit.push(hostsAudit(who, meta, 'CreatePolicy', { PolicyName: policyName }));
  await attachPolicy(ctx, 'User', { PolicyType: 'Custom', PolicyName: policyName, PrincipalName: userName });
  audit.push(hostsAudit(who, meta, 'AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: policyName, UserName: userName }));
  const key = await createAccessKey(ctx, { UserName: userName });
  audit.push(hostsAudit(who, meta, 'CreateAccessKey', { UserName: userName }, { AccessKeyId: key.AccessKeyId }));
  return { identity: { userId: user.UserId, userName, accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret }, audit };
}

/**
 * Removes a host's RAM identity inside the deletion transaction: its AccessKeys, policy attachments
 * (and its own `BulwarkHost-<id>` policy), group memberships and the user. A user that was given
 * more (a login profile, an MFA device) is not deleted: the RAM error aborts the transaction.
 */
export async function deleteHostIdentity(ctx: IamContext, hostId: string, who: UserIdentity, meta: RequestMeta): Promise<AuditEventInput[]> {
  const audit: AuditEventInput[] = [];
  const userName = hostUserName(hostId);
  const exists = await ctx.db.selectFrom('iam_users').select('id').where('account_id', '=', ctx.caller.accountId).where('name', '=', userName).executeTakeFirst();
  if (exists) {
    for (const k of await listAccessKeys(ctx, { UserName: userName })) {
      await deleteAccessKey(ctx, { UserName: userName, UserAccessKeyId: k.AccessKeyId });
      audit.push(hostsAudit(who, meta, 'DeleteAccessKey', { UserName: userName, UserAccessKeyId: k.AccessKeyId }));
    }
    for (const p of await listPoliciesFor(ctx, 'User', userName)) {
      await detachPolicy(ctx, 'User', { PolicyType: p.PolicyType, PolicyName: p.PolicyName, PrincipalName: userName });
      audit.push(hostsAudit(who, meta, 'DetachPolicyFromUser', { PolicyType: p.PolicyType, PolicyName: p.PolicyName, UserName: userName }));
    }
    for (const g of await listGroupsForUser(ctx, { UserName: userName })) {
      await removeUserFromGroup(ctx, { GroupName: g.GroupName, UserName: userName });
      audit.push(hostsAudit(who, meta, 'RemoveUserFromGroup', { GroupName: g.GroupName, UserName: userName }));
    }
    await deleteUser(ctx, { UserName: userName });
    audit.push(hostsAudit(who, meta, 'DeleteUser', { UserName: userName }));
  }
  const policy = await ctx.db.selectFrom('iam_policies').select('id').where('account_id', '=', ctx.caller.accountId).where('type', '=', 'Custom').where('name', '=', hostPolicyName(hostId)).executeTakeFirst();
  if (policy) {
    await deletePolicy(ctx, { PolicyName: hostPolicyName(hostId), CascadingDelete: true });
    audit.push(hostsAudit(who, meta, 'DeletePolicy', { PolicyName: hostPolicyName(hostId) }));
  }
  return audit;
}
