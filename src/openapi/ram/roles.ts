import { z } from 'zod';
import * as names from '../../iam/names.js';
import { MAX_POLICY_DOCUMENT_LENGTH } from '../../iam/policy/index.js';
import { createRole, deleteRole, getRole, listRoles, MAX_SESSION_DURATION, MIN_SESSION_DURATION, updateRole } from '../../iam/roles.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';
import { tags } from './lists.js';

const role = z.object({ RoleName: names.roleName });
const trustDocument = z.string().min(1).max(MAX_POLICY_DOCUMENT_LENGTH);
const duration = z.coerce.number().int().min(MIN_SESSION_DURATION).max(MAX_SESSION_DURATION);
const roleDescription = z.string().max(1024);

export const roleActions: AnyActionDef[] = [
  ramAction(
    'CreateRole',
    'Write',
    role.extend({ AssumeRolePolicyDocument: trustDocument, Description: roleDescription.optional(), MaxSessionDuration: duration.optional(), Tag: tags.optional() }),
    (i, c) => ramArn(c, 'role', i.RoleName),
    async (ctx, i) => ({ Role: await createRole(ctx, i) }),
  ),
  ramAction('GetRole', 'Read', role, (i, c) => ramArn(c, 'role', i.RoleName), async (ctx, i) => ({ Role: await getRole(ctx, i) })),
  ramAction(
    'UpdateRole',
    'Write',
    role.extend({ NewAssumeRolePolicyDocument: trustDocument.optional(), NewMaxSessionDuration: duration.optional(), NewDescription: roleDescription.optional() }),
    (i, c) => ramArn(c, 'role', i.RoleName),
    async (ctx, i) => ({ Role: await updateRole(ctx, i) }),
  ),
  ramAction('DeleteRole', 'Write', role, (i, c) => ramArn(c, 'role', i.RoleName), async (ctx, i) => {
    await deleteRole(ctx, i);
    return {};
  }),
  ramAction('ListRoles', 'Read', z.object({ Marker: names.marker, MaxItems: z.coerce.number().int().min(1).max(1000).default(100), Tag: tags.optional() }), (_i, c) => ramArn(c, 'role', '*'), async (ctx, i) => {
    const page = await listRoles(ctx, i);
    return { IsTruncated: page.isTruncated, Marker: page.marker, Roles: { Role: page.items } };
  }),
];
