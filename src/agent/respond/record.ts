import { randomBytes } from 'node:crypto';

export type ResponseAction = 'block' | 'unblock' | 'kill' | 'quarantine' | 'restore';

/** What a response did, and the action that undoes it (null when nothing can: a killed process). */
export interface ResponseRecord {
  id: string;
  at: string;
  action: ResponseAction;
  /** IP address, pid, file path or quarantine id */
  target: string;
  /** `done`, or `unchanged` when there was nothing to do (unblocking an IP that was not blocked) */
  outcome: 'done' | 'unchanged';
  details: Record<string, string | number | boolean | null>;
  undo: { action: ResponseAction; target: string; options?: Record<string, string | number> } | null;
}

export function responseRecord(fields: Omit<ResponseRecord, 'id' | 'at'>, now = new Date()): ResponseRecord {
  return { id: `r-${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`, at: now.toISOString(), ...fields };
}
