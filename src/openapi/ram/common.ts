import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Caller } from '../../iam/caller.js';
import type { IamContext } from '../../iam/context.js';
import type { IamTables } from '../../iam/tables.js';
import { defineAction, type ActionContext, type ActionDef } from '../action.js';

export const RAM = { product: 'Ram', version: '2015-05-01', eventSource: 'ram.aliyuncs.com' } as const;

/** RAM ARNs: `acs:ram::<account>:user/<name>` (names lower-cased as Alibaba does). */
export function ramArn(caller: Caller, kind: 'user' | 'group' | 'role' | 'policy' | 'mfa' | 'root' | '*', name = ''): string {
  if (kind === '*') return `acs:ram::${caller.accountId}:*`;
  if (kind === 'root') return `acs:ram::${caller.accountId}:root`;
  return `acs:ram::${caller.accountId}:${kind}/${name.toLowerCase()}`;
}

export function iam(ctx: ActionContext): IamContext {
  return { ...ctx, db: ctx.db as Kysely<IamTables> };
}

/** Declares a RAM action: `ram:<Action>` authorization, ram.aliyuncs.com audit source. */
export function ramAction<S extends z.ZodType>(
  action: string,
  rw: 'Read' | 'Write',
  input: S,
  resource: (input: z.output<S>, caller: Caller) => string | string[],
  handler: (ctx: IamContext, input: z.output<S>) => Promise<Record<string, unknown>>,
): ActionDef<S> {
  return defineAction({ ...RAM, action, ramAction: `ram:${action}`, rw, input, resource, handler: (ctx, i) => handler(iam(ctx), i) });
}

/** Marks a RAM action as self-service under the given security preference. */
export function selfService<S extends z.ZodType>(def: ActionDef<S>, preference: 'AccessKeys' | 'MFADevices', targetsSelf: (input: z.output<S>, caller: Caller) => boolean): ActionDef<S> {
  return { ...def, selfService: { preference, targetsSelf } };
}
