import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../core/clock.js';
import type { Sealer } from '../core/sealer.js';
import type { Caller } from '../iam/caller.js';

/** What a handler gets: the transaction (writes) or the database (reads), the caller and services. */
export interface ActionContext {
  caller: Caller;
  db: Kysely<unknown>;
  clock: Clock;
  sealer: Sealer;
  invalidate(reason: 'policy' | 'membership' | 'credential'): void;
  /** Runs `fn` once the call's transaction has committed (reads: once the handler returned); absent outside the front door. */
  afterCommit?(fn: () => void): void;
}

/**
 * One OpenAPI action, declared once: where it lives (product, version, name), how RAM authorizes it
 * (action name, resource ARN), whether it writes, how its input is validated, and the handler that
 * calls a transport-free service.
 */
export interface ActionDef<S extends z.ZodType = z.ZodType> {
  product: string;
  version: string;
  action: string;
  /** e.g. `ram:CreateUser`; empty for actions every authenticated caller may call (GetCallerIdentity) */
  ramAction: string;
  rw: 'Read' | 'Write';
  /** ActionTrail eventSource, e.g. `ram.aliyuncs.com` */
  eventSource: string;
  input: S;
  resource(input: z.output<S>, caller: Caller): string | string[];
  /**
   * RAM self-service: a RAM user acting on itself is allowed without a policy when the account's
   * security preference says so (AllowUserToManageAccessKeys / AllowUserToManageMFADevices).
   */
  selfService?: { preference: 'AccessKeys' | 'MFADevices'; targetsSelf(input: z.output<S>, caller: Caller): boolean };
  handler(ctx: ActionContext, input: z.output<S>): Promise<Record<string, unknown>>;
}

export function defineAction<S extends z.ZodType>(def: ActionDef<S>): ActionDef<S> {
  return def;
}

/** Type-erased form stored in the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds actions of every input type
export type AnyActionDef = ActionDef<any>;
