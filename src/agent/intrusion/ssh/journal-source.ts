import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { readStateFile, writeStateFile } from '../state-file.js';
import type { LineSource } from './line-source.js';
import { SSHD_PROGRAMS } from './log-record.js';

export interface JournalOptions {
  /** the journalctl binary (default: `journalctl` on the PATH) */
  readonly command?: string;
  /** SYSLOG_IDENTIFIER values followed (default: sshd, sshd-session, sshd-auth) */
  readonly identifiers?: readonly string[];
}

export const JOURNAL_CURSOR = 'ssh-journal-cursor.json';
const cursorSchema = z.object({ cursor: z.string().min(1).max(1024) });
/** lines held between two reads; beyond, the oldest are dropped (the journal keeps them anyway) */
const MAX_BUFFERED = 100_000;
const CURSOR = /"__CURSOR"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/**
 * journald as a line source: `journalctl --follow --output=json` for sshd's identifiers, started
 * after the saved cursor (`ssh-journal-cursor.json`), or with only new entries the first time. The
 * cursor of the last line read is saved on commit, i.e. after delivery. A journalctl that exits is
 * started again on the next read, from the last cursor read.
 */
export async function journalLineSource(stateDir: string, options: JournalOptions = {}): Promise<LineSource> {
  const cursorFile = join(stateDir, JOURNAL_CURSOR);
  let cursor = (await readStateFile(cursorFile, cursorSchema))?.cursor;
  let readCursor = cursor;
  let buffer: string[] = [];
  let child: ChildProcess | undefined;
  let closed = false;

  const start = (): void => {
    const args = ['--follow', '--output=json', '--no-pager', '--quiet', ...(readCursor ? [`--after-cursor=${readCursor}`] : ['--lines=0']), ...(options.identifiers ?? [...SSHD_PROGRAMS]).map((i) => `SYSLOG_IDENTIFIER=${i}`)];
    const proc = spawn(options.command ?? 'journalctl', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    proc.on('error', () => undefined);
    proc.on('exit', () => {
      if (child === proc) child = undefined;
    });
    createInterface({ input: proc.stdout!, crlfDelay: Infinity }).on('line', (line) => {
      buffer.push(line);
      if (buffer.length > MAX_BUFFERED) buffer.splice(0, buffer.length - MAX_BUFFERED);
    });
    child = proc;
  };
  start();

  return {
    format: 'journal-json',
    read: async () => {
      const lines = buffer;
      buffer = [];
      for (let i = lines.length - 1; i >= 0; i--) {
        const m = CURSOR.exec(lines[i]!);
        if (m) {
          readCursor = JSON.parse(`"${m[1]!}"`) as string;
          break;
        }
      }
      if (!child && !closed) start();
      return lines;
    },
    commit: async () => {
      if (readCursor === undefined || readCursor === cursor) return;
      await writeStateFile(cursorFile, { cursor: readCursor });
      cursor = readCursor;
    },
    close: async () => {
      closed = true;
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
