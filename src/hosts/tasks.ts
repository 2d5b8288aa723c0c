import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { HostsTables } from './tables.js';

type TaskRow = HostsTables['hosts_tasks'];

export const TASK_KINDS = ['scan'] as const;
export const createTaskInput = z.object({ host: z.string().min(1).max(255), kind: z.enum(TASK_KINDS).default('scan') }).strict();
export const ackTaskInput = z.object({ taskId: z.string().min(1).max(40), status: z.enum(['done', 'failed']), message: z.string().max(1024).default('') }).strict();

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
  };
}

export async function insertTask(db: Kysely<HostsTables>, host: { id: string; account_id: string }, kind: TaskRow['kind'], createdBy: string, now: string): Promise<TaskView> {
  const row: TaskRow = { id: randomUUID(), host_id: host.id, account_id: host.account_id, kind, status: 'pending', created_by: createdBy, created_at: now, delivered_at: null, finished_at: null, message: null };
  await db.insertInto('hosts_tasks').values(row).execute();
  return taskView(row);
}

/** Hands pending tasks to the agent (they become `delivered`); delivered but unacknowledged ones are handed again. */
export async function takeTasks(db: Kysely<HostsTables>, hostId: string, now: string): Promise<TaskView[]> {
  const rows = await db.selectFrom('hosts_tasks').selectAll().where('host_id', '=', hostId).where('status', 'in', ['pending', 'delivered']).orderBy('created_at').limit(20).execute();
  const pending = rows.filter((r) => r.status === 'pending').map((r) => r.id);
  if (pending.length > 0) await db.updateTable('hosts_tasks').set({ status: 'delivered', delivered_at: now }).where('id', 'in', pending).execute();
  return rows.map((r) => taskView(r.status === 'pending' ? { ...r, status: 'delivered', delivered_at: now } : r));
}

export async function finishTask(db: Kysely<HostsTables>, hostId: string, input: z.output<typeof ackTaskInput>, now: string): Promise<TaskView> {
  const row = await db.selectFrom('hosts_tasks').selectAll().where('host_id', '=', hostId).where('id', '=', input.taskId).executeTakeFirst();
  if (!row) throw new BulwarkError('Hosts.TaskNotFound', { task: input.taskId, host: hostId });
  const next: TaskRow = { ...row, status: input.status, finished_at: now, message: input.message || null };
  await db.updateTable('hosts_tasks').set({ status: next.status, finished_at: now, message: next.message }).where('id', '=', row.id).execute();
  return taskView(next);
}
