import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ResponseRecord } from './record.js';

export interface LoggedAction extends ResponseRecord {
  /** who ran it: `cli:<user>` or `policy:<rule id>` */
  actor: string;
}

export function actionLogPath(stateDir: string): string {
  return join(stateDir, 'actions.jsonl');
}

/** The local user running the CLI, as an actor. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** Appends one response action to the host's audit log (JSON lines, 0600, in a 0700 state dir). */
export async function appendActionLog(stateDir: string, record: ResponseRecord, actor: string): Promise<LoggedAction> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const path = actionLogPath(stateDir);
  const logged: LoggedAction = { ...record, actor };
  await appendFile(path, `${JSON.stringify(logged)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return logged;
}

/** Every logged action, oldest first (a torn last line from a crash is skipped). */
export async function readActionLog(stateDir: string): Promise<LoggedAction[]> {
  const text = await readFile(actionLogPath(stateDir), 'utf8').catch(() => '');
  const out: LoggedAction[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as LoggedAction);
    } catch {
      /* torn line */
    }
  }
  return out;
}
