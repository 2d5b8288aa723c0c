import { z } from 'zod';
import { appendActionLog, type LoggedAction } from './action-log.js';
import { killProcess } from './kill.js';
import type { NftOptions } from './nft.js';
import { blockIp, unblockIp } from './nftables.js';
import { quarantineFile, restoreQuarantined } from './quarantine.js';
import type { ResponseRecord } from './record.js';

/** A response action as the server queues it for the agent (a host task of kind `respond`). */
export const responseTaskSchema = z
  .object({
    TaskId: z.string(),
    Kind: z.literal('respond'),
    CreatedBy: z.string().default('server'),
    Response: z.object({ action: z.enum(['block', 'unblock', 'kill', 'quarantine', 'restore']), target: z.string().min(1).max(4096), durationSeconds: z.number().int().min(0).optional() }).loose(),
  })
  .loose();
export type ResponseTask = z.output<typeof responseTaskSchema>;

export interface ResponseTaskContext {
  stateDir: string;
  nft?: NftOptions;
  /** SIGTERM grace period before SIGKILL (default 5 s) */
  killGraceMs?: number;
}

async function perform(task: ResponseTask, ctx: ResponseTaskContext): Promise<ResponseRecord> {
  const { action, target } = task.Response;
  switch (action) {
    case 'block':
      return blockIp(target, task.Response.durationSeconds ?? 3600, ctx.nft ?? {});
    case 'unblock':
      return unblockIp(target, ctx.nft ?? {});
    case 'kill':
      return killProcess(/^\d+$/.test(target) ? Number(target) : Number.NaN, ctx.killGraceMs !== undefined ? { graceMs: ctx.killGraceMs } : {});
    case 'quarantine':
      return quarantineFile(target, ctx.stateDir);
    case 'restore':
      return restoreQuarantined(target, ctx.stateDir);
  }
}

/**
 * Runs a response action the server queued, like `bulwark agent block|unblock|kill|quarantine|restore`
 * would, and logs it in the host's action log with the console user as actor (`server:<user>`).
 */
export async function runResponseTask(task: ResponseTask, ctx: ResponseTaskContext): Promise<LoggedAction> {
  const record = await perform(task, ctx);
  return appendActionLog(ctx.stateDir, record, `server:${task.CreatedBy}`);
}

const clip = (v: string | number | boolean | null): string | number | boolean | null => (typeof v === 'string' ? v.slice(0, 4096) : v);

/** What the agent acknowledges to the server: the outcome and the undo (details clipped to the server's limits). */
export function taskResult(a: LoggedAction): { id: string; outcome: 'done' | 'unchanged'; details: Record<string, string | number | boolean | null>; undo: LoggedAction['undo'] } {
  return { id: a.id, outcome: a.outcome, details: Object.fromEntries(Object.entries(a.details).slice(0, 32).map(([k, v]) => [k.slice(0, 64), clip(v)])), undo: a.undo };
}
