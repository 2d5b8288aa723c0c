import { MAX_LINE_CHARS, type LogRecord } from './log-record.js';

const MONTHS: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

// `Nov  9 01:02:03 host sshd[123]: message` (RFC 3164 as rsyslog writes auth.log / secure)
const CLASSIC = /^(?:<\d{1,3}>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) ([^\s:[]+)(?:\[(\d+)\])?: ?(.*)$/;
// `2024-03-05T10:11:12.123456+01:00 host sshd[123]: message` (rsyslog's RFC 3339 template)
const RFC3339 = /^(?:<\d{1,3}>)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})) (\S+) ([^\s:[]+)(?:\[(\d+)\])?: ?(.*)$/;

export interface SyslogOptions {
  /**
   * "Now" for the classic format, which has no year: the year is the one that puts the record at
   * most a day after this instant (so December lines read in January belong to last year).
   * Default: the current time.
   */
  readonly reference?: Date;
}

/** Parses one syslog text line (classic or RFC 3339 timestamp); undefined when it is neither. */
export function parseSyslogLine(line: string, options: SyslogOptions = {}): LogRecord | undefined {
  let text = line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line;
  if (text.endsWith('\r')) text = text.slice(0, -1);
  const first = text.charCodeAt(text.startsWith('<') ? text.indexOf('>') + 1 : 0);
  if (first >= 48 && first <= 57) {
    const m = RFC3339.exec(text);
    if (!m) return undefined;
    const at = Date.parse(m[1]!.replace(/(\.\d{3})\d+/, '$1'));
    if (!Number.isFinite(at)) return undefined;
    return record(at, m[2]!, m[3]!, m[4], m[5]!);
  }
  const m = CLASSIC.exec(text);
  if (!m) return undefined;
  const at = classicTime(m[1]!, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), options.reference ?? new Date());
  return at === undefined ? undefined : record(at, m[6]!, m[7]!, m[8], m[9]!);
}

// Logs hold many lines per second: the last conversion is kept.
let lastKey = '';
let lastAt = 0;

/** Local time of a classic timestamp: the year that puts it at most a day after `reference`. */
function classicTime(mon: string, day: number, h: number, min: number, s: number, reference: Date): number | undefined {
  const month = MONTHS[mon];
  if (month === undefined) return undefined;
  const year = reference.getFullYear();
  const key = `${month} ${day} ${h} ${min} ${s} ${reference.getTime()}`;
  if (key === lastKey) return lastAt;
  let at = new Date(year, month, day, h, min, s).getTime();
  if (at > reference.getTime() + 86_400_000) at = new Date(year - 1, month, day, h, min, s).getTime();
  lastKey = key;
  lastAt = at;
  return at;
}

function record(at: number, host: string, program: string, pid: string | undefined, message: string): LogRecord {
  return { at, host, program, ...(pid !== undefined ? { pid: Number(pid) } : {}), message };
}
