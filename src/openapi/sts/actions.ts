import { z } from 'zod';
import { assumeRole } from '../../sts/assume-role.js';
import { getCallerIdentity } from '../../sts/caller-identity.js';
import { defineAction, type AnyActionDef } from '../action.js';
import { iam } from '../ram/common.js';

const STS = { product: 'Sts', version: '2015-04-01', eventSource: 'sts.aliyuncs.com' } as const;

export const STS_ACTIONS: readonly AnyActionDef[] = [
  defineAction({
    ...STS,
    action: 'AssumeRole',
    ramAction: 'sts:AssumeRole',
    rw: 'Write',
    input: z.object({
      RoleArn: z.string().min(1).max(256),
      RoleSessionName: z.string().regex(/^[A-Za-z0-9.@_-]{2,64}$/, 'expected 2–64 characters of A–Z a–z 0–9 . @ _ -'),
      DurationSeconds: z.coerce.number().int().optional(),
      Policy: z.string().min(1).max(2048).optional(),
      ExternalId: z.string().min(2).max(1224).optional(),
    }),
    resource: (i) => i.RoleArn,
    handler: async (ctx, i) => ({ ...(await assumeRole(iam(ctx), i)) }),
  }),
  defineAction({
    ...STS,
    action: 'GetCallerIdentity',
    ramAction: '',
    rw: 'Read',
    input: z.object({}),
    resource: (_i, c) => `acs:sts::${c.accountId}:*`,
    handler: async (ctx) => ({ ...getCallerIdentity(ctx.caller) }),
  }),
];
