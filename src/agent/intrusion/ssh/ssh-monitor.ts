import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EcsDocument } from '../alert.js';
import { journalLineSource, type JournalOptions } from './journal-source.js';
import { KnownLogins } from './known-logins.js';
import { fileLineSource, type LineSource } from './line-source.js';
import { parseLogLine } from './read-log.js';
import type { SshConfig } from './ssh-config.js';
import { SshDetector } from './ssh-detector.js';

/** Where sshd logs on Debian/Ubuntu and on RHEL-like systems, in that order. */
export const DEFAULT_AUTH_LOGS = ['/var/log/auth.log', '/var/log/secure'];

const MAX_PENDING = 10_000;

export interface SshMonitorOptions {
  /** auth.log / secure (default: the first of DEFAULT_AUTH_LOGS that exists) */
  readonly logPath?: string;
  /** follow journald instead of a file (`journalctl --follow --output=json`) */
  readonly journal?: boolean | JournalOptions;
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

/** Follows the SSH log live: source → detector → onEvents, then saves the position and known logins. */
export async function startSshMonitor(options: SshMonitorOptions): Promise<SshMonitor | undefined> {
  const source = await openSource(options);
  if (!source) return undefined;
  const knownLogins = await KnownLogins.open(join(options.stateDir, 'ssh-known-logins.json'), options.config.newSource.maxSourcesPerUser);
  const detector = new SshDetector({ config: options.config, knownLogins, ...(options.host ? { host: options.host } : {}) });

  let running: Promise<number> | undefined;
  // alerts whose delivery failed are retried on the next poll (bounded)
  let pending: EcsDocument[] = [];
  const poll = async (): Promise<number> => {
    const lines = await source.read();
    const reference = new Date();
    const docs = pending.concat(
      lines.flatMap((line) => {
        const record = parseLogLine(line, source.format, reference);
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
    await source.commit();
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
      await source.close();
    },
  };
}

/** The configured source: journald when asked, else the log file (auth.log, secure). */
async function openSource(options: SshMonitorOptions): Promise<LineSource | undefined> {
  if (options.journal) return journalLineSource(options.stateDir, options.journal === true ? {} : options.journal);
  const logPath = options.logPath ?? DEFAULT_AUTH_LOGS.find((p) => existsSync(p));
  return logPath ? fileLineSource(logPath, options.stateDir) : undefined;
}
