import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { HostsTables } from './tables.js';

type TaskRow = Selectable<HostsTables['hosts_tasks']>;

export const TASK_KINDS = ['scan', 'respond'] as const;
export const RESPONSE_ACTIONS = ['block', 'unblock', 'kill', 'quarantine', 'restore'] as const;
export type ResponseActionName = (typeof RESPONSE_ACTIONS)[number];

const ip = z.string().max(64).refine((s) => isIP(s) !== 0, 'expected an IPv4 or IPv6 address');
const MAX_BLOCK_SECONDS = 365 * 86_400;

/** A response action the agent runs on its host (`bulwark agent block|unblock|kill|quarantine|restore`). */
export const responseParams = z.discriminatedUnion('action', [
  z.object({ action: z.literal('block'), target: ip, durationSeconds: z.number().int().min(0).max(MAX_BLOCK_SECONDS).default(3600) }).strict(),
  z.object({ action: z.literal('unblock'), target: ip }).strict(),
  z.object({ action: z.literal('kill'), target: z.string().regex(/^[1-9]\d{0,9}$/, 'expected a process id') }).strict(),
  z.object({ action: z.literal('quarantine'), target: z.string().min(2).max(4096).regex(/^\/[^\0]*$/, 'expected an absolute file path') }).strict(),
  z.object({ action: z.literal('restore'), target: z.string().regex(/^q-[0-9a-z]{1,16}-[0-9a-f]{8}$/, 'expected a quarantine id (q-…)') }).strict(),
]);
export type ResponseParams = z.output<typeof responseParams>;

/** What the agent reports back for a response action: the outcome and how to undo it. */
export const responseResult = z
  .object({
    id: z.string().max(64),
    outcome: z.enum(['done', 'unchanged']),
    details: z.record(z.string().max(64), z.union([z.string().max(4096), z.number(), z.boolean(), z.null()])).default({}),
    undo: z.object({ action: z.enum(RESPONSE_ACTIONS), target: z.string().max(4096), options: z.record(z.string().max(64), z.union([z.string().max(256), z.number()])).optional() }).nullable(),
  })
  .strict();
export type ResponseResult = z.output<typeof responseResult>;

export const createTaskInput = z
  .object({ host: z.string().min(1).max(255), kind: z.enum(TASK_KINDS).default('scan'), response: responseParams.optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'respond' && !v.response) ctx.addIssue({ code: 'custom', path: ['response'], message: 'a respond task needs the response action' });
    if (v.kind === 'scan' && v.response) ctx.addIssue({ code: 'custom', path: ['response'], message: 'only a respond task takes a response action' });
  });
export const ackTaskInput = z.object({ taskId: z.string().min(1).max(40), status: z.enum(['done', 'failed']), message: z.string().max(1024).default(''), result: responseResult.optional() }).strict();
export const undoTaskInput = z.object({ host: z.string().min(1).max(255), taskId: z.string().min(1).max(40) }).strict();

export interface TaskView {
  TaskId: string;
  HostId: string;
  Kind: TaskRow['kind'];
  Status: TaskRow['status'];
  CreatedBy: string;
  CreateDate: string;
  DeliveredDate?: string;
  FinishedDate?: string;
  Message?: string;
  /** a response action: what to do (and the task it undoes) */
  Response?: ResponseParams & { undoOf?: string };
  /** a finished response action: what the agent did and how to undo it */
  Result?: ResponseResult;
}

export function taskView(r: TaskRow): TaskView {
  return {
    TaskId: r.id,
    HostId: r.host_id,
    Kind: r.kind,
    Status: r.status,
    CreatedBy: r.created_by,
    CreateDate: r.created_at,
    ...(r.delivered_at ? { DeliveredDate: r.delivered_at } : {}),
    ...(r.finished_at ? { FinishedDate: r.finished_at } : {}),
    ...(r.message ? { Message: r.message } : {}),
    ...(r.params ? { Response: JSON.parse(r.params) as ResponseParams & { undoOf?: string } } : {}),
    ...(r.result ? { Result: JSON.parse(r.result) as ResponseResult } : {}),
  };
}

export async function insertTask(db: Kysely<HostsTables>, host: { id: string; account_id: string }, kind: TaskRow['kind'], createdBy: string, now: string, response?: ResponseParams & { undoOf?: string }): Promise<TaskView> {
  const row: TaskRow = { id: randomUUID(), host_id: host.id, account_id: host.account_id, kind, status: 'pending', created_by: createdBy, created_at: now, delivered_at: null, finished_at: null, message: null, params: response ? JSON.stringify(response) : null, result: null };
  await db.insertInto('hosts_tasks').values(row).execute();
  return taskView(row);
}

/**
 * Hands pending tasks to the agent (they become `delivered`); delivered but unacknowledged scans are
 * handed again. A response action is handed out once: running it twice could, say, kill a new
 * process that reused the pid.
 */
export async function takeTasks(db: Kysely<HostsTables>, hostId: string, now: string): Promise<TaskView[]> {
  const rows = await db
    .selectFrom('hosts_tasks')
    .selectAll()
    .where('host_id', '=', hostId)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'delivered'), eb('kind', '=', 'scan')])]))
    .orderBy('created_at')
    .limit(20)
    .execute();
  const pending = rows.filter((r) => r.status === 'pending').map((r) => r.id);
  if (pending.length > 0) await db.updateTable('hosts_tasks').set({ status: 'delivered', delivered_at: now }).where('id', 'in', pending).execute();
  return rows.map((r) => taskView(r.status === 'pending' ? { ...r, status: 'delivered', delivered_at: now } : r));
}

export async function finishTask(db: Kysely<HostsTables>, hostId: string, input: z.output<typeof ackTaskInput>, now: string): Promise<TaskView> {
  const row = await db.selectFrom('hosts_tasks').selectAll().where('host_id', '=', hostId).where('id', '=', input.taskId).executeTakeFirst();
  if (!row) throw new BulwarkError('Hosts.TaskNotFound', { task: input.taskId, host: hostId });
  const result = row.kind === 'respond' && input.result ? JSON.stringify(input.result) : null;
  if (row.status === 'pending') throw new BulwarkError('Hosts.TaskStateConflict', { task: row.id, status: row.status, reason: 'it was never handed to the agent' });
  if (row.status === 'done' || row.status === 'failed') {
    // an agent that lost the answer may send the same acknowledgement again; a different one would
    // rewrite what was reported (an undo that never ran, a failure turned into success)
    if (row.status === input.status && row.result === result) return taskView(row);
    throw new BulwarkError('Hosts.TaskStateConflict', { task: row.id, status: row.status, reason: 'it was already acknowledged with another outcome' });
  }
  const next: TaskRow = { ...row, status: input.status, finished_at: now, message: input.message || null, result };
  await db.updateTable('hosts_tasks').set({ status: next.status, finished_at: now, message: next.message, result }).where('id', '=', row.id).execute();
  return taskView(next);
}

/**
 * The response action that undoes a finished one (from what the agent reported: unblock a blocked
 * IP, restore a quarantined file, block again an unblocked IP). A killed process cannot be undone,
 * and an action is undone at most once.
 */
export async function undoParams(db: Kysely<HostsTables>, hostId: string, taskId: string): Promise<ResponseParams & { undoOf: string }> {
  const row = await db.selectFrom('hosts_tasks').selectAll().where('host_id', '=', hostId).where('id', '=', taskId).executeTakeFirst();
  if (!row) throw new BulwarkError('Hosts.TaskNotFound', { task: taskId, host: hostId });
  const task = taskView(row);
  const cannot = (reason: string) => new BulwarkError('Hosts.CannotUndo', { task: taskId, reason });
  if (task.Kind !== 'respond') throw cannot('it is not a response action');
  if (task.Status !== 'done' || !task.Result) throw cannot(`the agent has not finished it (status ${task.Status})`);
  const undo = task.Result.undo;
  if (!undo) throw cannot(task.Result.outcome === 'unchanged' ? 'it changed nothing' : `${task.Response?.action ?? 'this action'} cannot be undone`);
  const others = await db.selectFrom('hosts_tasks').select('params').where('host_id', '=', hostId).where('kind', '=', 'respond').where('params', 'is not', null).execute();
  if (others.some((o) => (JSON.parse(o.params as string) as { undoOf?: string }).undoOf === taskId)) throw cannot('it was already undone');
  const parsed = responseParams.safeParse({ action: undo.action, target: undo.target, ...(undo.action === 'block' ? { durationSeconds: Number(undo.options?.durationSeconds ?? 0) } : {}) });
  if (!parsed.success) throw cannot('the agent reported an undo the server cannot run');
  return { ...parsed.data, undoOf: taskId };
}
