/** Builders of synthetic sshd log lines (auth.log classic syslog, RFC 3339, journald JSON) for tests. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

export interface LogEntry {
  at: Date;
  message: string;
  pid?: number;
}

/** `Nov  9 01:02:03 web1 sshd[1000]: message` (local time, as rsyslog writes it). */
export function classicLine(e: LogEntry, host = 'web1'): string {
  const d = e.at;
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${host} sshd[${e.pid ?? 1000}]: ${e.message}`;
}

export function rfc3339Line(e: LogEntry, host = 'web1'): string {
  return `${e.at.toISOString().replace('Z', '+00:00')} ${host} sshd[${e.pid ?? 1000}]: ${e.message}`;
}

export function journalLine(e: LogEntry, host = 'web1'): string {
  return JSON.stringify({ __REALTIME_TIMESTAMP: String(e.at.getTime() * 1000), _HOSTNAME: host, SYSLOG_IDENTIFIER: 'sshd', _COMM: 'sshd', _PID: String(e.pid ?? 1000), MESSAGE: e.message, PRIORITY: '6' });
}

/** `n` failed passwords for `users` (cycled) from `ip`, one every `everyMs`, starting at `start`. */
export function failures(ip: string, users: readonly string[], n: number, start: Date, everyMs: number, firstPort = 40000): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const user = users[i % users.length]!;
    const at = new Date(start.getTime() + i * everyMs);
    const port = firstPort + i;
    if (user.startsWith('~')) {
      // an invalid user: sshd logs both lines for the same connection
      out.push({ at, message: `Invalid user ${user.slice(1)} from ${ip} port ${port}` });
      out.push({ at, message: `Failed password for invalid user ${user.slice(1)} from ${ip} port ${port} ssh2` });
      out.push({ at, message: `Connection closed by invalid user ${user.slice(1)} ${ip} port ${port} [preauth]` });
    } else {
      out.push({ at, message: `Failed password for ${user} from ${ip} port ${port} ssh2` });
    }
  }
  return out;
}

export function accepted(ip: string, user: string, at: Date, method = 'password'): LogEntry {
  return { at, message: `Accepted ${method} for ${user} from ${ip} port 50022 ssh2` };
}
