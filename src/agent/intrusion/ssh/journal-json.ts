import { z } from 'zod';
import { MAX_LINE_CHARS, type LogRecord } from './log-record.js';

/**
 * One line of `journalctl -o json` (the journal export as JSON objects, one per line). Field
 * values are strings; a value that is not valid UTF-8 is an array of byte values; a field present
 * several times is an array of those.
 */
const value = z.union([z.string(), z.array(z.number().int().min(0).max(255)), z.null()]);
const entrySchema = z
  .object({
    MESSAGE: z.union([value, z.array(value)]).optional(),
    __REALTIME_TIMESTAMP: z.string().regex(/^\d{1,20}$/),
    _HOSTNAME: z.string().optional(),
    SYSLOG_IDENTIFIER: z.string().optional(),
    _COMM: z.string().optional(),
    _PID: z.string().regex(/^\d+$/).optional(),
    SYSLOG_PID: z.string().regex(/^\d+$/).optional(),
  })
  .loose();

function text(v: z.infer<typeof value> | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
}

/** Parses one journald JSON line; undefined when it is not one (or has no message). */
export function parseJournalLine(line: string): LogRecord | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const rawMessage = Array.isArray(e.MESSAGE) && e.MESSAGE.length > 0 && typeof e.MESSAGE[0] !== 'number' ? (e.MESSAGE as Array<z.infer<typeof value>>)[0] : (e.MESSAGE as z.infer<typeof value> | undefined);
  const message = text(rawMessage);
  const program = e.SYSLOG_IDENTIFIER ?? e._COMM;
  if (message === undefined || program === undefined) return undefined;
  const pid = e.SYSLOG_PID ?? e._PID;
  return {
    // microseconds since the epoch
    at: Math.floor(Number(e.__REALTIME_TIMESTAMP) / 1000),
    ...(e._HOSTNAME !== undefined ? { host: e._HOSTNAME } : {}),
    program,
    ...(pid !== undefined ? { pid: Number(pid) } : {}),
    message: message.length > MAX_LINE_CHARS ? message.slice(0, MAX_LINE_CHARS) : message,
  };
}
