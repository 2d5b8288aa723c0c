import { z } from 'zod';
import { createAccessKey, deleteAccessKey, getAccessKeyLastUsed, listAccessKeys, updateAccessKey } from '../../iam/access-keys.js';
import type { Caller } from '../../iam/caller.js';
import * as names from '../../iam/names.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn, selfService } from './common.js';

const owner = (i: { UserName?: string | undefined }, c: Caller): string =>
  i.UserName ? ramArn(c, 'user', i.UserName) : c.principalType === 'user' ? ramArn(c, 'user', c.principalName) : ramArn(c, 'root');

const keyInput = z.object({ UserName: names.userName.optional(), UserAccessKeyId: names.accessKeyId });

const own = (i: { UserName?: string | undefined }, c: Caller): boolean => i.UserName === undefined || i.UserName === c.principalName;

export const accessKeyActions: AnyActionDef[] = ([
  ramAction('CreateAccessKey', 'Write', z.object({ UserName: names.userName.optional() }), owner, async (ctx, i) => ({ AccessKey: await createAccessKey(ctx, i) })),
  ramAction('UpdateAccessKey', 'Write', keyInput.extend({ Status: z.enum(['Active', 'Inactive']) }), owner, async (ctx, i) => {
    await updateAccessKey(ctx, i);
    return {};
  }),
  ramAction('DeleteAccessKey', 'Write', keyInput, owner, async (ctx, i) => {
    await deleteAccessKey(ctx, i);
    return {};
  }),
  ramAction('ListAccessKeys', 'Read', z.object({ UserName: names.userName.optional() }), owner, async (ctx, i) => ({ AccessKeys: { AccessKey: await listAccessKeys(ctx, i) } })),
  ramAction('GetAccessKeyLastUsed', 'Read', keyInput, owner, async (ctx, i) => ({ AccessKeyLastUsed: await getAccessKeyLastUsed(ctx, i) })),
] as AnyActionDef[]).map((def) => selfService(def, 'AccessKeys', own));
