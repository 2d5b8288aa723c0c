import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { BulwarkError } from '../../../core/errors.js';
import type { EcsDocument } from '../alert.js';
import { parseJournalLine } from './journal-json.js';
import type { LogRecord } from './log-record.js';
import type { SshDetector } from './ssh-detector.js';
import { parseSyslogLine } from './syslog-line.js';

export type LogFormat = 'syslog' | 'journal-json';

/** Parses one line of either format (`reference`: "now" for syslog lines without a year). */
export function parseLogLine(line: string, format: LogFormat, reference?: Date): LogRecord | undefined {
  return format === 'journal-json' ? parseJournalLine(line) : parseSyslogLine(line, reference ? { reference } : {});
}

/**
 * Runs a detector over a whole log file (auth.log, secure, or `journalctl -o json` output), line by
 * line without loading the file; `-` reads standard input. Syslog lines without a year are dated
 * relative to the file's modification time (standard input: now).
 */
export async function detectSshLog(path: string, format: LogFormat, detector: SshDetector, stdin: NodeJS.ReadableStream = process.stdin): Promise<EcsDocument[]> {
  let reference = new Date();
  if (path !== '-') {
    try {
      reference = (await stat(path)).mtime;
    } catch (e) {
      throw new BulwarkError('Agent.Intrusion.LogUnreadable', { path, reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
    }
  }
  const out: EcsDocument[] = [];
  const lines = createInterface({ input: path === '-' ? stdin : createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const record = parseLogLine(line, format, reference);
      if (record) out.push(...detector.process(record));
    }
  } catch (e) {
    throw new BulwarkError('Agent.Intrusion.LogUnreadable', { path, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  return out;
}
