import { z } from 'zod';
import { attachPolicy, detachPolicy, listEntitiesForPolicy, listPoliciesFor, type PrincipalType } from '../../iam/attachments.js';
import * as names from '../../iam/names.js';
import { createPolicy, createPolicyVersion, deletePolicy, deletePolicyVersion, getPolicy, getPolicyVersion, listPolicies, listPolicyVersions, requirePolicy, setDefaultPolicyVersion, updatePolicyDescription, type PolicyView } from '../../iam/policies.js';
import { customPolicyTags, matchesTags, setTags } from '../../iam/tags.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';
import { tags } from './lists.js';

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
  ramAction('CreatePolicy', 'Write', named.extend({ PolicyDocument: document, Description: names.description.optional(), Tag: tags.optional() }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => {
    const policy = await createPolicy(ctx, i);
    if (i.Tag && i.Tag.length > 0) await setTags(ctx, 'policy', (await requirePolicy(ctx, i.PolicyName, 'Custom')).id, i.PolicyName, i.Tag);
    return { Policy: policy };
  }),
  ramAction('GetPolicy', 'Read', typed, (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => getPolicy(ctx, i)),
  ramAction('UpdatePolicyDescription', 'Write', named.extend({ NewDescription: names.description }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => ({ Policy: await updatePolicyDescription(ctx, i) })),
  ramAction('DeletePolicy', 'Write', named.extend({ CascadingDelete: names.booleanParam.optional() }), (i, c) => ramArn(c, 'policy', i.PolicyName), async (ctx, i) => {
    await deletePolicy(ctx, i);
    return {};
  }),
  ramAction('ListPolicies', 'Read', z.object({ PolicyType: names.policyType.optional(), Marker: names.marker, MaxItems: names.maxItems, Tag: tags.optional() }), (_i, c) => ramArn(c, 'policy', '*'), async (ctx, i) => {
    const filters = i.Tag ?? [];
    // with tag filters only tagged (custom) policies can match: page through until the page is full
    const items: Array<PolicyView & { Tags: { Tag: Array<{ TagKey: string; TagValue: string }> } }> = [];
    let marker = i.Marker;
    let isTruncated = false;
    for (;;) {
      const page = await listPolicies(ctx, { ...i, MaxItems: i.MaxItems - items.length, Marker: marker });
      const tagMap = await customPolicyTags(ctx, page.items.filter((p) => p.PolicyType === 'Custom').map((p) => p.PolicyName));
      for (const p of page.items) {
        const own = p.PolicyType === 'Custom' ? (tagMap.get(p.PolicyName) ?? []) : [];
        if (matchesTags(own, filters)) items.push({ ...p, Tags: { Tag: own } });
      }
      isTruncated = page.isTruncated;
      marker = page.marker;
      if (!page.isTruncated || items.length >= i.MaxItems) break;
    }
    return { IsTruncated: isTruncated, Marker: isTruncated ? marker : '', Policies: { Policy: items } };
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
