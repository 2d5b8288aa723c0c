import { z } from 'zod';
import * as names from '../../iam/names.js';
import { createUser, deleteUser, getUser, listUsers, updateUser } from '../../iam/users.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';

export const userActions: AnyActionDef[] = [
  ramAction(
    'CreateUser',
    'Write',
    z.object({ UserName: names.userName, DisplayName: names.displayName.optional(), MobilePhone: names.mobilePhone.optional(), Email: names.email.optional(), Comments: names.comments.optional() }),
    (i, c) => ramArn(c, 'user', i.UserName),
    async (ctx, i) => ({ User: await createUser(ctx, i) }),
  ),
  ramAction('GetUser', 'Read', z.object({ UserName: names.userName }), (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => ({ User: await getUser(ctx, i) })),
  ramAction(
    'UpdateUser',
    'Write',
    z.object({ UserName: names.userName, NewUserName: names.userName.optional(), NewDisplayName: names.displayName.optional(), NewMobilePhone: names.mobilePhone.optional(), NewEmail: names.email.optional(), NewComments: names.comments.optional() }),
    (i, c) => ramArn(c, 'user', i.UserName),
    async (ctx, i) => ({ User: await updateUser(ctx, i) }),
  ),
  ramAction('DeleteUser', 'Write', z.object({ UserName: names.userName }), (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => {
    await deleteUser(ctx, i);
    return {};
  }),
  ramAction('ListUsers', 'Read', z.object({ Marker: names.marker, MaxItems: names.maxItems }), (_i, c) => ramArn(c, 'user', '*'), async (ctx, i) => {
    const page = await listUsers(ctx, i);
    return { IsTruncated: page.isTruncated, Marker: page.marker, Users: { User: page.items } };
  }),
];
