import type { AuditEventInput, UserIdentity } from '../audit/event.js';
import { BulwarkError } from '../core/errors.js';
import { createAccessKey } from '../iam/access-keys.js';
import { attachPolicy } from '../iam/attachments.js';
import type { IamContext } from '../iam/context.js';
import { addUserToGroup, createGroup } from '../iam/groups.js';
import { createPolicy } from '../iam/policies.js';
import { createUser } from '../iam/users.js';
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
