import { z } from 'zod';
import { changePassword, createLoginProfile, deleteLoginProfile, getLoginProfile, updateLoginProfile } from '../../iam/login-profiles.js';
import * as names from '../../iam/names.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';

/** Bounded so hashing cost stays fixed; the password policy sets the real minimum. */
const password = z.string().min(1).max(128);
const user = z.object({ UserName: names.userName });
const flags = { PasswordResetRequired: names.booleanParam.optional(), MFABindRequired: names.booleanParam.optional() };

export const loginProfileActions: AnyActionDef[] = [
  ramAction('CreateLoginProfile', 'Write', user.extend({ Password: password, ...flags }), (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => ({ LoginProfile: await createLoginProfile(ctx, i) })),
  ramAction('GetLoginProfile', 'Read', user, (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => ({ LoginProfile: await getLoginProfile(ctx, i) })),
  ramAction('UpdateLoginProfile', 'Write', user.extend({ Password: password.optional(), ...flags }), (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => {
    await updateLoginProfile(ctx, i);
    return {};
  }),
  ramAction('DeleteLoginProfile', 'Write', user, (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => {
    await deleteLoginProfile(ctx, i);
    return {};
  }),
  ramAction(
    'ChangePassword',
    'Write',
    z.object({ OldPassword: password, NewPassword: password }),
    (_i, c) => (c.principalType === 'user' ? ramArn(c, 'user', c.principalName) : ramArn(c, 'root')),
    async (ctx, i) => {
      await changePassword(ctx, i);
      return {};
    },
  ),
];
