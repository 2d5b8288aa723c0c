import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { Sealer } from '../core/sealer.js';
import type { Caller } from './caller.js';
import type { IamTables } from './tables.js';

/** What a RAM operation runs with: the transaction, the caller, and shared services. */
export interface IamContext {
  db: Kysely<IamTables>;
  caller: Caller;
  clock: Clock;
  sealer: Sealer;
  /** Called after commit-worthy changes that affect authorization (policies, attachments, membership). */
  invalidate(reason: 'policy' | 'membership' | 'credential'): void;
}

export function now(ctx: IamContext): string {
  return `${ctx.clock.now().toISOString().slice(0, 19)}Z`;
}
