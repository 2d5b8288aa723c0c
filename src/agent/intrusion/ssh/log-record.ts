/** One record of a system log, whatever its format (syslog text line or journald JSON). */
export interface LogRecord {
  /** epoch milliseconds */
  readonly at: number;
  /** host name written in the record, when there is one */
  readonly host?: string;
  /** program (syslog tag / SYSLOG_IDENTIFIER), e.g. `sshd` */
  readonly program: string;
  readonly pid?: number;
  readonly message: string;
}

/** Programs whose messages are sshd's (OpenSSH ≥ 9.8 logs authentication from `sshd-session`). */
export const SSHD_PROGRAMS: ReadonlySet<string> = new Set(['sshd', 'sshd-session', 'sshd-auth']);

/** Longest line looked at; longer ones are cut (a log line is never legitimately this long). */
export const MAX_LINE_CHARS = 8192;
