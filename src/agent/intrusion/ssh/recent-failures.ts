import { trimOldest } from '../../../core/bounded-map.js';

/** Failures of one source in the current window. */
export interface FailureHistory {
  /** failures inside the window */
  readonly count: number;
  readonly users: readonly string[];
  readonly first: number;
  readonly last: number;
}

interface Entry {
  times: number[];
  users: Set<string>;
}

const MAX_TIMES = 256;
const MAX_USERS = 20;

/**
 * Recent failed logins per source IP, for "a login succeeds from an IP after failures". Bounded:
 * at most 256 failure times and 20 user names per source, at most `maxSources` sources (the least
 * recently failing are forgotten first).
 */
export class RecentFailures {
  private readonly sources = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    private readonly maxSources = 50_000,
  ) {}

  add(ip: string, user: string | undefined, at: number, attempts: number): void {
    let entry = this.sources.get(ip);
    if (entry) this.sources.delete(ip);
    else entry = { times: [], users: new Set() };
    this.sources.set(ip, entry);
    for (let i = 0; i < attempts; i++) entry.times.push(at);
    if (entry.times.length > MAX_TIMES) entry.times.splice(0, entry.times.length - MAX_TIMES);
    if (user !== undefined && entry.users.size < MAX_USERS) entry.users.add(user);
    trimOldest(this.sources, this.maxSources);
  }

  /** The failures of `ip` within the window before `at`, or undefined; forgets them (one alert per run of failures). */
  take(ip: string, at: number): FailureHistory | undefined {
    const entry = this.sources.get(ip);
    if (!entry) return undefined;
    this.sources.delete(ip);
    const times = entry.times.filter((t) => t >= at - this.windowMs && t <= at);
    if (times.length === 0) return undefined;
    return { count: times.length, users: [...entry.users], first: times[0]!, last: times[times.length - 1]! };
  }
}
