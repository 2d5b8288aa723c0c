import { z } from 'zod';
import { addUserToGroup, createGroup, deleteGroup, getGroup, listGroups, listGroupsForUser, listUsersForGroup, removeUserFromGroup, updateGroup } from '../../iam/groups.js';
import * as names from '../../iam/names.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';

const maxItems = z.coerce.number().int().min(1).max(100).default(100);
const group = z.object({ GroupName: names.groupName });
const membership = group.extend({ UserName: names.userName });

export const groupActions: AnyActionDef[] = [
  ramAction('CreateGroup', 'Write', group.extend({ Comments: names.comments.optional() }), (i, c) => ramArn(c, 'group', i.GroupName), async (ctx, i) => ({ Group: await createGroup(ctx, i) })),
  ramAction('GetGroup', 'Read', group, (i, c) => ramArn(c, 'group', i.GroupName), async (ctx, i) => ({ Group: await getGroup(ctx, i) })),
  ramAction(
    'UpdateGroup',
    'Write',
    group.extend({ NewGroupName: names.groupName.optional(), NewComments: names.comments.optional() }),
    (i, c) => ramArn(c, 'group', i.GroupName),
    async (ctx, i) => ({ Group: await updateGroup(ctx, i) }),
  ),
  ramAction('DeleteGroup', 'Write', group, (i, c) => ramArn(c, 'group', i.GroupName), async (ctx, i) => {
    await deleteGroup(ctx, i);
    return {};
  }),
  ramAction('ListGroups', 'Read', z.object({ Marker: names.marker, MaxItems: maxItems }), (_i, c) => ramArn(c, 'group', '*'), async (ctx, i) => {
    const page = await listGroups(ctx, i);
    return { IsTruncated: page.isTruncated, Marker: page.marker, Groups: { Group: page.items } };
  }),
  ramAction('AddUserToGroup', 'Write', membership, (i, c) => ramArn(c, 'group', i.GroupName), async (ctx, i) => {
    await addUserToGroup(ctx, i);
    return {};
  }),
  ramAction('RemoveUserFromGroup', 'Write', membership, (i, c) => ramArn(c, 'group', i.GroupName), async (ctx, i) => {
    await removeUserFromGroup(ctx, i);
    return {};
  }),
  ramAction('ListGroupsForUser', 'Read', z.object({ UserName: names.userName }), (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => ({ Groups: { Group: await listGroupsForUser(ctx, i) } })),
  ramAction('ListUsersForGroup', 'Read', group.extend({ Marker: names.marker, MaxItems: maxItems }), (i, c) => ramArn(c, 'group', i.GroupName), async (ctx, i) => {
    const page = await listUsersForGroup(ctx, i);
    return { IsTruncated: page.isTruncated, Marker: page.marker, Users: { User: page.items } };
  }),
];
