import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { EcsDocument } from '../alert.js';
import { LogTailer } from '../log-tailer.js';
import { readStateFile, writeStateFile } from '../state-file.js';
import { KnownLogins } from './known-logins.js';
import { parseLogLine, type LogFormat } from './read-log.js';
import type { SshConfig } from './ssh-config.js';
import { SshDetector } from './ssh-detector.js';

/** Where sshd logs on Debian/Ubuntu and on RHEL-like systems, in that order. */
export const DEFAULT_AUTH_LOGS = ['/var/log/auth.log', '/var/log/secure'];

const MAX_PENDING = 10_000;

const positionSchema = z.object({ path: z.string(), inode: z.number().int().nonnegative(), offset: z.number().int().nonnegative() });

export interface SshMonitorOptions {
  /** auth.log / secure (default: the first of DEFAULT_AUTH_LOGS that exists) */
  readonly logPath?: string;
  readonly format?: LogFormat;
  /** the agent's state dir: known logins and the log offset live here */
  readonly stateDir: string;
  readonly config: SshConfig;
  readonly host?: string;
  /** receives the alerts of each poll; the log offset is saved only after it resolves (at least once) */
  readonly onEvents: (docs: EcsDocument[]) => Promise<void>;
  readonly intervalMs?: number;
}

export interface SshMonitor {
  /** reads what was appended since the last poll (the timer calls it too) */
  poll(): Promise<number>;
  stop(): Promise<void>;
}

/** Follows the SSH log live: tail → detector → onEvents, then saves the offset and known logins. */
export async function startSshMonitor(options: SshMonitorOptions): Promise<SshMonitor | undefined> {
  const logPath = options.logPath ?? DEFAULT_AUTH_LOGS.find((p) => existsSync(p));
  if (!logPath) return undefined;
  const format = options.format ?? 'syslog';
  const positionFile = join(options.stateDir, 'ssh-log-position.json');
  const saved = await readStateFile(positionFile, positionSchema);
  const tailer = await LogTailer.open({ path: logPath, ...(saved?.path === logPath ? { position: saved } : {}) });
  const knownLogins = await KnownLogins.open(join(options.stateDir, 'ssh-known-logins.json'), options.config.newSource.maxSourcesPerUser);
  const detector = new SshDetector({ config: options.config, knownLogins, ...(options.host ? { host: options.host } : {}) });
  const savePosition = async (): Promise<void> => {
    const position = tailer.position();
    if (position) await writeStateFile(positionFile, { path: logPath, ...position });
  };
  // the start position is saved at once: lines that arrive before a crash are read after it
  if (saved?.path !== logPath) await savePosition();

  let running: Promise<number> | undefined;
  // alerts whose delivery failed are retried on the next poll (bounded)
  let pending: EcsDocument[] = [];
  const poll = async (): Promise<number> => {
    const lines = await tailer.read();
    const reference = new Date();
    const docs = pending.concat(
      lines.flatMap((line) => {
        const record = parseLogLine(line, format, reference);
        return record ? detector.process(record) : [];
      }),
    );
    pending = [];
    if (docs.length > 0) {
      try {
        await options.onEvents(docs);
      } catch (e) {
        pending = docs.slice(-MAX_PENDING);
        throw e;
      }
    }
    if (lines.length > 0) await savePosition();
    await knownLogins.save();
    return docs.length;
  };
  // one poll at a time: a slow onEvents delays the next one instead of overlapping it
  const serial = (): Promise<number> => (running = (running ?? Promise.resolve(0)).then(poll, poll));
  const timer = setInterval(() => void serial().catch(() => undefined), options.intervalMs ?? 1000);
  timer.unref();
  return {
    poll: serial,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
      await tailer.close();
    },
  };
}
