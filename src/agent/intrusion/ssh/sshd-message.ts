import { isIP } from 'node:net';

/** What an sshd log message says about an authentication. */
export type SshdEventKind =
  /** `Failed <method> for [invalid user] X from IP port N ssh2` */
  | 'failed'
  /** `Invalid user X from IP [port N]` */
  | 'invalid-user'
  /** `Accepted <method> for X from IP port N ssh2` */
  | 'accepted'
  /** `error: maximum authentication attempts exceeded for [invalid user] X from IP port N ssh2 [preauth]` */
  | 'max-attempts'
  /** `Connection closed by [invalid user X |authenticating user X ]IP port N [preauth]` */
  | 'closed-preauth'
  /** `Disconnected from [invalid user X |authenticating user X ]IP port N [preauth]` */
  | 'disconnected-preauth';

export interface SshdEvent {
  readonly kind: SshdEventKind;
  readonly ip: string;
  readonly port?: number;
  /** absent for connections closed before a user name was sent */
  readonly user?: string;
  /** the user does not exist on this host */
  readonly invalidUser: boolean;
  /** password, publickey, keyboard-interactive/pam, none, … (failed / accepted) */
  readonly method?: string;
  /** rsyslog's `message repeated N times: [ … ]` folds N identical messages into one line */
  readonly repeat: number;
}

// Each pattern is anchored and has one lazy user group followed by a fixed word, so matching stays
// linear in practice; lines are capped at MAX_LINE_CHARS before they get here.
const PATTERNS: ReadonlyArray<{ kind: SshdEventKind; re: RegExp }> = [
  { kind: 'failed', re: /^Failed (\S+) for (invalid user )?(.*?) from (\S+) port (\d+)(?: ssh\d?)?(?:[: ].*)?$/ },
  { kind: 'accepted', re: /^Accepted (\S+) for ()(.*?) from (\S+) port (\d+)(?: ssh\d?)?(?:[: ].*)?$/ },
  { kind: 'invalid-user', re: /^Invalid user ()(.*?) from (\S+?)(?: port (\d+))?$/ },
  { kind: 'max-attempts', re: /^error: maximum authentication attempts exceeded for (invalid user )?(.*?) from (\S+) port (\d+)(?: ssh\d?)?(?: \[preauth\])?$/ },
  { kind: 'closed-preauth', re: /^Connection closed by (?:(invalid user |authenticating user )(.*?) )?(\S+) port (\d+) \[preauth\]$/ },
  { kind: 'disconnected-preauth', re: /^Disconnected from (?:(invalid user |authenticating user )(.*?) )?(\S+) port (\d+) \[preauth\]$/ },
];

const REPEATED = /^message repeated (\d+) times: \[ ?(.*?) ?\]$/;

/** Parses one sshd message (without the syslog prefix); undefined for messages that are not about authentication. */
export function parseSshdMessage(message: string): SshdEvent | undefined {
  let repeat = 1;
  let text = message.trim();
  const folded = REPEATED.exec(text);
  if (folded) {
    repeat = Math.min(Number(folded[1]), 10_000);
    text = folded[2]!;
  }
  for (const { kind, re } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    return kind === 'failed' || kind === 'accepted' ? authResult(kind, m, repeat) : preauth(kind, m, repeat);
  }
  return undefined;
}

function authResult(kind: SshdEventKind, m: RegExpExecArray, repeat: number): SshdEvent | undefined {
  const ip = address(m[4]!);
  if (!ip) return undefined;
  return { kind, ip, port: Number(m[5]), user: m[3]!, invalidUser: m[2] === 'invalid user ', method: m[1]!, repeat };
}

function preauth(kind: SshdEventKind, m: RegExpExecArray, repeat: number): SshdEvent | undefined {
  const ip = address(m[3]!);
  if (!ip) return undefined;
  const user = m[2];
  return {
    kind,
    ip,
    ...(m[4] !== undefined ? { port: Number(m[4]) } : {}),
    ...(user !== undefined ? { user } : {}),
    invalidUser: kind === 'invalid-user' || m[1] === 'invalid user ',
    repeat,
  };
}

/** The IP of a message, or undefined (sshd writes `UNKNOWN` or host names when UseDNS is on). */
function address(text: string): string | undefined {
  const ip = text.toLowerCase();
  return isIP(ip) !== 0 ? ip : undefined;
}
