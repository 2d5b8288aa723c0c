import { BlockList, isIP } from 'node:net';
import { BulwarkError } from '../../../core/errors.js';
import { LeakyBucketEngine, type Overflow, type Scenario } from '../../../core/leaky-bucket.js';
import { intrusionAlert, type EcsDocument, type Severity } from '../alert.js';
import { AttemptCounter } from './attempt-counter.js';
import type { KnownLogins } from './known-logins.js';
import { SSHD_PROGRAMS, type LogRecord } from './log-record.js';
import { RecentFailures } from './recent-failures.js';
import type { SshConfig } from './ssh-config.js';
import { parseSshdMessage, type SshdEvent } from './sshd-message.js';

/** One failed authentication attempt, as poured into the scenarios. */
interface Attempt {
  readonly ip: string;
  readonly user: string | undefined;
  readonly message: string;
}

interface ScenarioMeta {
  readonly ruleName: string;
  readonly technique: string;
  readonly techniqueName: string;
  readonly severity: Severity;
  readonly what: string;
}

/** The rules the SSH detector raises (ids are stable: they are `rule.id` of the alerts). */
export const SSH_RULES = {
  'ssh-bruteforce': { ruleName: 'SSH brute force', technique: 'T1110.001', techniqueName: 'Brute Force: Password Guessing', severity: 'high', what: 'failed logins' },
  'ssh-slow-bruteforce': { ruleName: 'SSH slow brute force', technique: 'T1110.001', techniqueName: 'Brute Force: Password Guessing', severity: 'medium', what: 'failed logins' },
  'ssh-password-spraying': { ruleName: 'SSH password spraying', technique: 'T1110.003', techniqueName: 'Brute Force: Password Spraying', severity: 'high', what: 'distinct user names tried' },
} as const satisfies Record<string, ScenarioMeta>;

const SAMPLE_MESSAGES = 10;

export interface SshDetectorOptions {
  readonly config: SshConfig;
  readonly knownLogins: KnownLogins;
  /** `host.name` of the alerts (default: this host's name) */
  readonly host?: string;
  /** also emit one authentication event (event.kind=event) per sshd login line */
  readonly emitAuthEvents?: boolean;
}

export interface SshStats {
  records: number;
  sshd: number;
  failures: number;
  successes: number;
  alerts: number;
}

/**
 * SSH intrusion detection over a stream of log records: brute force, slow brute force and password
 * spraying (leaky-bucket scenarios grouped by source IP), a login that succeeds from a source after
 * failures (critical), and the first login of a user from a source never seen for them.
 */
export class SshDetector {
  readonly stats: SshStats = { records: 0, sshd: 0, failures: 0, successes: 0, alerts: 0 };
  private readonly engine: LeakyBucketEngine<Attempt>;
  private readonly counter = new AttemptCounter();
  private readonly failures: RecentFailures;
  private readonly ignored = new BlockList();
  private readonly hasIgnored: boolean;

  constructor(private readonly options: SshDetectorOptions) {
    const { config } = options;
    const scenarios: Array<Scenario<Attempt>> = [];
    const add = (name: keyof typeof SSH_RULES, b: SshConfig['bruteforce'], distinct?: (a: Attempt) => string | undefined): void => {
      if (b.enabled) scenarios.push({ name, capacity: b.capacity, leakMs: b.leakSeconds * 1000, blackholeMs: b.blackholeSeconds * 1000, groupBy: (a) => a.ip, ...(distinct ? { distinct } : {}) });
    };
    add('ssh-bruteforce', config.bruteforce);
    add('ssh-slow-bruteforce', config.slowBruteforce);
    add('ssh-password-spraying', config.spraying, (a) => a.user);
    this.engine = new LeakyBucketEngine(scenarios);
    this.failures = new RecentFailures(config.successAfterFailure.windowSeconds * 1000);
    config.ignoreSources.forEach((cidr, i) => addToBlockList(this.ignored, cidr, `ssh.ignoreSources[${i}]`));
    this.hasIgnored = config.ignoreSources.length > 0;
  }

  /** Feeds one log record; returns the ECS documents it produces (alerts, and auth events when asked). */
  process(record: LogRecord): EcsDocument[] {
    this.stats.records++;
    if (!SSHD_PROGRAMS.has(record.program)) return [];
    const e = parseSshdMessage(record.message);
    if (!e) return [];
    this.stats.sshd++;
    const out: EcsDocument[] = [];
    if (this.options.emitAuthEvents && (e.kind === 'failed' || e.kind === 'accepted' || e.kind === 'invalid-user')) out.push(this.authEvent(record, e));
    if (this.hasIgnored && this.ignored.check(e.ip, isIP(e.ip) === 6 ? 'ipv6' : 'ipv4')) return out;
    if (e.kind === 'accepted') {
      this.stats.successes++;
      out.push(...this.success(record, e));
    } else {
      const n = this.counter.attempts(e);
      this.stats.failures += n;
      if (n > 0) this.failures.add(e.ip, e.user, record.at, n);
      const attempt: Attempt = { ip: e.ip, user: e.user, message: record.message };
      for (let i = 0; i < n; i++) for (const overflow of this.engine.pour(attempt, record.at)) out.push(this.overflowAlert(overflow, record));
    }
    this.stats.alerts += out.filter((d) => (d.event as { kind: string }).kind === 'alert').length;
    return out;
  }

  private success(record: LogRecord, e: SshdEvent): EcsDocument[] {
    const out: EcsDocument[] = [];
    const user = e.user ?? '';
    const { successAfterFailure, newSource } = this.options.config;
    const history = this.failures.take(e.ip, record.at);
    if (successAfterFailure.enabled && history && history.count >= successAfterFailure.minFailures) {
      out.push(
        this.alert(record, {
          id: 'ssh-success-after-failure',
          name: 'SSH login succeeded after failures',
          technique: 'T1078',
          techniqueName: 'Valid Accounts',
          severity: 'critical',
          outcome: 'success',
          message: `SSH login of ${user} from ${e.ip} (${e.method ?? 'unknown method'}) succeeded after ${history.count} failed logins since ${new Date(history.first).toISOString()}`,
          fields: {
            source: source(e),
            user: { name: user },
            bulwark: { evidence: { failures: history.count, users: history.users, first: new Date(history.first).toISOString(), last: new Date(history.last).toISOString(), method: e.method } },
          },
        }),
      );
    }
    const novelty = this.options.knownLogins.record(user, e.ip, record.at);
    if (newSource.enabled && (novelty === 'new-source' || (novelty === 'first-login' && newSource.alertOnFirstUser))) {
      const known = this.options.knownLogins.sourcesOf(user).filter((ip) => ip !== e.ip);
      out.push(
        this.alert(record, {
          id: 'ssh-new-source',
          name: 'SSH login from a new source for the user',
          technique: 'T1078',
          techniqueName: 'Valid Accounts',
          severity: 'medium',
          outcome: 'success',
          message: novelty === 'first-login' ? `First SSH login ever seen of ${user} (from ${e.ip})` : `SSH login of ${user} from ${e.ip}, a source not seen before for this user`,
          fields: { source: source(e), user: { name: user }, bulwark: { evidence: { known_sources: known.slice(-10), method: e.method } } },
        }),
      );
    }
    return out;
  }

  private overflowAlert(overflow: Overflow<Attempt>, record: LogRecord): EcsDocument {
    const meta: ScenarioMeta = SSH_RULES[overflow.scenario as keyof typeof SSH_RULES];
    const users = [...new Set(overflow.events.map((p) => p.event.user).filter((u): u is string => u !== undefined))];
    const first = overflow.events[0]!.at;
    const seconds = Math.round((overflow.at - first) / 1000);
    const count = overflow.distinctKeys ? overflow.distinctKeys.length : overflow.events.length;
    return this.alert(record, {
      id: overflow.scenario,
      name: meta.ruleName,
      technique: meta.technique,
      techniqueName: meta.techniqueName,
      severity: meta.severity,
      outcome: 'failure',
      message: `${meta.ruleName} from ${overflow.key}: ${count} ${meta.what} in ${seconds}s${users.length > 0 ? ` (users: ${users.slice(0, 10).join(', ')})` : ''}`,
      fields: {
        source: { ip: overflow.key },
        ...(users.length === 1 ? { user: { name: users[0] } } : {}),
        bulwark: {
          evidence: {
            count,
            users: users.slice(0, 50),
            first: new Date(first).toISOString(),
            last: new Date(overflow.at).toISOString(),
            samples: overflow.events.slice(-SAMPLE_MESSAGES).map((p) => p.event.message),
          },
        },
      },
    });
  }

  private alert(record: LogRecord, a: { id: string; name: string; technique: string; techniqueName: string; severity: Severity; outcome: 'success' | 'failure'; message: string; fields: EcsDocument }): EcsDocument {
    return intrusionAlert({
      at: record.at,
      message: a.message,
      dataset: 'agent.ssh',
      category: 'authentication',
      type: a.outcome === 'success' ? 'start' : 'denied',
      action: a.id,
      outcome: a.outcome,
      severity: a.severity,
      rule: { id: a.id, name: a.name, category: 'ssh' },
      technique: a.technique,
      techniqueName: a.techniqueName,
      ...(this.options.host !== undefined ? { host: this.options.host } : {}),
      provider: 'sshd',
      fields: { ...a.fields, process: { name: record.program, ...(record.pid !== undefined ? { pid: record.pid } : {}) }, network: { protocol: 'ssh' } },
    });
  }

  private authEvent(record: LogRecord, e: SshdEvent): EcsDocument {
    const ok = e.kind === 'accepted';
    return {
      '@timestamp': new Date(record.at).toISOString(),
      message: record.message,
      event: { kind: 'event', category: 'authentication', type: ok ? 'start' : 'denied', action: ok ? 'ssh-login' : 'ssh-login-failed', outcome: ok ? 'success' : 'failure', module: 'agent', dataset: 'agent.ssh', provider: 'sshd' },
      host: { name: this.options.host ?? record.host ?? 'unknown' },
      source: source(e),
      ...(e.user !== undefined ? { user: { name: e.user } } : {}),
      network: { protocol: 'ssh' },
    };
  }
}

function source(e: SshdEvent): EcsDocument {
  return { ip: e.ip, ...(e.port !== undefined ? { port: e.port } : {}) };
}

/** Adds an IP or CIDR to a block list; a bad entry is a config error naming the field. */
export function addToBlockList(list: BlockList, entry: string, field: string): void {
  const [address, prefix] = entry.split('/');
  const family = isIP(address ?? '');
  const bits = prefix === undefined ? undefined : Number(prefix);
  if (family === 0 || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)))) {
    throw new BulwarkError('InvalidConfig', { field, origin: '', reason: `"${entry}" is not an IP address or CIDR` });
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (bits === undefined) list.addAddress(address!, type);
  else list.addSubnet(address!, bits, type);
}
