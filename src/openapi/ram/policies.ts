import { z } from 'zod';
import { attachPolicy, detachPolicy, listEntitiesForPolicy, listPoliciesFor, type PrincipalType } from '../../iam/attachments.js';
import * as names from '../../iam/names.js';
import { createPolicy, createPolicyVersion, deletePolicy, deletePolicyVersion, getPolicy, getPolicyVersion, listPolicies, listPolicyVersions, setDefaultPolicyVersion, updatePolicyDescription } from '../../iam/policies.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';

const document = z.string().min(1).max(6144);
const versionId = z.string().regex(/^v\d+$/, 'expected v1…v5');
const named = z.object({ PolicyName: names.policyName });
const typed = named.extend({ PolicyType: names.policyType });

function attachActions(type: PrincipalType, field: 'UserName' | 'GroupName' | 'RoleName', nameSchema: z.ZodString, kind: 'user' | 'group' | 'role'): AnyActionDef[] {
  const input = typed.extend({ [field]: nameSchema }) as unknown as z.ZodType<{ PolicyType: 'System' | 'Custom'; PolicyName: string } & Record<string, string>>;
  const suffix = type === 'User' ? 'User' : type === 'Group' ? 'Group' : 'Role';
  return [
    ramAction(`AttachPolicyTo${suffix}`, 'Write', input, (i, c) => [ramArn(c, 'policy', i.PolicyName), ramArn(c, kind, i[field]!)], async (ctx, i) => {
      await attachPolicy(ctx, type, { PolicyType: i.PolicyType, PolicyName: i.PolicyName, PrincipalName: i[field]! });
      return {};
    }),
    ramAction(`DetachPolicyFrom${suffix}`, 'Write', input, (i, c) => [ramArn(c, 'policy', i.PolicyName), ramArn(c, kind, i[field]!)], async (ctx, i) => {
      await detachPolicy(ctx, type, { PolicyType: i.PolicyType, PolicyName: i.PolicyName, PrincipalName: i[field]! });
      return {};
    }),
    ramAction(`ListPoliciesFor${suffix}`, 'Read', z.object({ [field]: nameSchema }) as unknown as z.ZodType<Record<string, string>>, (i, c) => ramArn(c, kind, i[field]!), async (ctx, i) => ({
      Policies: { Policy: await listPoliciesFor(ctx, type, i[field]!) },
    })),
  ];
}

export const policyActions: AnyActionDef[] = [
  ramAction('CreatePolicy', 'Write', named.extend({ PolicyDocument: document, Description: names.description.optional() }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => ({ Policy: await createPolicy(ctx, i) })),
  ramAction('GetPolicy', 'Read', typed, (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => getPolicy(ctx, i)),
  ramAction('UpdatePolicyDescription', 'Write', named.extend({ NewDescription: names.description }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => ({ Policy: await updatePolicyDescription(ctx, i) })),
  ramAction('DeletePolicy', 'Write', named.extend({ CascadingDelete: names.booleanParam.optional() }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => {
    await deletePolicy(ctx, i);
    return {};
  }),
  ramAction('ListPolicies', 'Read', z.object({ PolicyType: names.policyType.optional(), Marker: names.marker, MaxItems: names.maxItems }), (_i, c) => ramArn(c, 'policy', '*'), async (ctx, i) => {
    const page = await listPolicies(ctx, i);
    return { IsTruncated: page.isTruncated, Marker: page.marker, Policies: { Policy: page.items } };
  }),
  ramAction(
    'CreatePolicyVersion',
    'Write',
    named.extend({ PolicyDocument: document, SetAsDefault: names.booleanParam.optional(), RotateStrategy: z.enum(['None', 'DeleteOldestNonDefaultVersionWhenLimitExceeded']).optional() }),
    (i, c) => ramArn(c, 'policy', i.PolicyName),
    async (ctx, i) => ({ PolicyVersion: await createPolicyVersion(ctx, i) }),
  ),
  ramAction('GetPolicyVersion', 'Read', typed.extend({ VersionId: versionId }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => ({ PolicyVersion: await getPolicyVersion(ctx, i) })),
  ramAction('ListPolicyVersions', 'Read', typed, (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => ({ PolicyVersions: { PolicyVersion: await listPolicyVersions(ctx, i) } })),
  ramAction('DeletePolicyVersion', 'Write', named.extend({ VersionId: versionId }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => {
    await deletePolicyVersion(ctx, i);
    return {};
  }),
  ramAction('SetDefaultPolicyVersion', 'Write', named.extend({ VersionId: versionId }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => {
    await setDefaultPolicyVersion(ctx, i);
    return {};
  }),
  ramAction('ListEntitiesForPolicy', 'Read', typed, (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => {
    const e = await listEntitiesForPolicy(ctx, i);
    return { Users: { User: e.Users }, Groups: { Group: e.Groups }, Roles: { Role: e.Roles } };
  }),
  ...attachActions('User', 'UserName', names.userName, 'user'),
  ...attachActions('Group', 'GroupName', names.groupName, 'group'),
  ...attachActions('Role', 'RoleName', names.roleName, 'role'),
];
