import { LeakyBucketEngine, type Scenario } from '../core/leaky-bucket.js';
import { weightOf, type ReputationSettings } from './settings.js';
import type { Signal } from './signal.js';

/** What the scorer proposes for an address; the service checks allowlists and active decisions. */
export interface Verdict {
  ip: string;
  action: 'ban' | 'log';
  /** the scenario that overflowed, or `score` */
  scenario: string;
  score: number;
  /** the signals behind it, oldest first (at most 20 kept) */
  signals: Signal[];
}

interface IpScore {
  score: number;
  at: number;
  recent: Signal[];
  logged: boolean;
}

const MAX_SCORES = 200_000;

function scenariosOf(settings: ReputationSettings): Array<Scenario<Signal>> {
  const s = settings.scenarios;
  const ms = (x: { leakSeconds: number }): number => x.leakSeconds * 1000;
  return [
    { name: 'http-probing', capacity: s.httpProbing.capacity, leakMs: ms(s.httpProbing), filter: (e) => e.type === 'probe', groupBy: (e) => e.ip, distinct: (e) => e.detail },
    { name: 'waf-attacks', capacity: s.wafAttacks.capacity, leakMs: ms(s.wafAttacks), filter: (e) => e.type === 'waf', groupBy: (e) => e.ip },
    { name: 'ssh-bruteforce', capacity: s.sshBruteforce.capacity, leakMs: ms(s.sshBruteforce), filter: (e) => e.type === 'ssh-failure', groupBy: (e) => e.ip },
    { name: 'ssh-spraying', capacity: s.sshSpraying.capacity, leakMs: ms(s.sshSpraying), filter: (e) => e.type === 'ssh-failure', groupBy: (e) => e.ip, distinct: (e) => e.detail },
  ];
}

/**
 * Scores addresses from signals: each signal adds its weight to a score that halves every
 * `halfLifeSeconds`; leaky-bucket scenarios catch bursts. A scenario overflow or a score at
 * `banScore` proposes a ban; `logScore` proposes a log-only decision once. Pure and in memory.
 */
export class ReputationScorer {
  private readonly buckets: LeakyBucketEngine<Signal>;
  private readonly scores = new Map<string, IpScore>();

  constructor(readonly settings: ReputationSettings) {
    this.buckets = new LeakyBucketEngine(scenariosOf(settings));
  }

  /** The decayed score of `ip` at `now`. */
  scoreOf(ip: string, now: number): number {
    const s = this.scores.get(ip);
    return s ? this.decay(s, now) : 0;
  }

  private decay(s: IpScore, now: number): number {
    const dt = Math.max(0, now - s.at) / 1000;
    return s.score * 0.5 ** (dt / this.settings.halfLifeSeconds);
  }

  add(signal: Signal): Verdict[] {
    const out: Verdict[] = [];
    const prev = this.scores.get(signal.ip);
    const current = prev ? this.decay(prev, signal.at) : 0;
    const entry: IpScore = { score: current + weightOf(this.settings, signal.type), at: signal.at, recent: [...(prev?.recent ?? []), signal].slice(-20), logged: prev?.logged ?? false };
    this.scores.delete(signal.ip);
    this.scores.set(signal.ip, entry);
    if (this.scores.size > MAX_SCORES) this.scores.delete(this.scores.keys().next().value as string);
    for (const o of this.buckets.pour(signal, signal.at)) {
      out.push({ ip: signal.ip, action: 'ban', scenario: o.scenario, score: entry.score, signals: o.events.map((e) => e.event).slice(-20) });
    }
    if (out.length === 0 && entry.score >= this.settings.banScore) {
      out.push({ ip: signal.ip, action: 'ban', scenario: 'score', score: entry.score, signals: entry.recent });
    } else if (out.length === 0 && entry.score >= this.settings.logScore && !entry.logged) {
      entry.logged = true;
      out.push({ ip: signal.ip, action: 'log', scenario: 'score', score: entry.score, signals: entry.recent });
    }
    return out;
  }

  /** Forgets the score of an address (after a ban, so the next one needs new evidence). */
  reset(ip: string): void {
    this.scores.delete(ip);
  }
}
