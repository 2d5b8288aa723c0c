import type { Logger } from '../core/logger.js';
import { newRequestId } from '../core/ids.js';
import type { EventService } from '../events/service.js';
import { systemCaller, type Caller } from '../iam/caller.js';
import type { Decision, DecisionStore } from './decision-store.js';
import { ReputationScorer, type Verdict } from './scorer.js';
import { SIGNAL_QUERY, signalOf, type Signal } from './signal.js';
import { CrawlerVerifier, DEFAULT_CRAWLER_SUFFIXES, type Resolver } from './crawler.js';

export interface ReputationServiceOptions {
  store: DecisionStore;
  /** DNS for crawler verification (tests inject one). */
  resolver?: Resolver;
  events: EventService;
  logger: Logger;
  now?: () => number;
  /** How far behind the newest signal a late event is still read, ms (default 60 s). */
  lookbackMs?: number;
}

const PAGE = 2000;
const SETTINGS_TTL_MS = 30_000;

/**
 * The reputation loop: reads new signal events from the event store (every account), scores their
 * source addresses, and turns scenario overflows and high scores into decisions that gateways and
 * agents enforce. Also expires decisions. Scores live in memory (a restart starts them afresh;
 * decisions are durable).
 */
export class ReputationService {
  private readonly scorers = new Map<string, { scorer: ReputationScorer; loadedAt: number }>();
  private cursor: number;
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly lookbackMs: number;

  constructor(private readonly options: ReputationServiceOptions) {
    this.now = options.now ?? Date.now;
    this.lookbackMs = options.lookbackMs ?? 60_000;
    this.cursor = this.now() - this.lookbackMs;
  }

  start(intervalMs: number): void {
    this.timer ??= setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: expire decisions, read and score new signals. Never runs twice at once. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((e: unknown) => this.options.logger.warn({ reason: (e as Error).message }, 'reputation pass failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    await this.options.store.expire(this.now());
    const from = new Date(this.cursor - this.lookbackMs).toISOString();
    let searchAfter: ReadonlyArray<string | number | boolean | null> | undefined;
    for (;;) {
      const page = await this.options.events.search({ query: SIGNAL_QUERY, from, size: PAGE, sort: ['@timestamp:asc'], ...(searchAfter ? { searchAfter: [...searchAfter] } : {}) });
      for (const doc of page.events) await this.consume(doc);
      if (page.events.length < PAGE || !page.searchAfter) break;
      searchAfter = page.searchAfter as ReadonlyArray<string | number | boolean | null>;
    }
    // Forget ids old enough never to be read again.
    for (const [id, at] of this.seen) if (at < this.cursor - 2 * this.lookbackMs) this.seen.delete(id);
  }

  private async consume(doc: Record<string, unknown>): Promise<void> {
    const signal = signalOf(doc);
    const account = ((doc.cloud as { account?: { id?: unknown } } | undefined)?.account?.id ?? '') as string;
    if (!signal || !account) return;
    const key = `${account}|${signal.eventId}|${signal.at}|${signal.ip}|${signal.type}`;
    if (this.seen.has(key)) return;
    this.seen.set(key, signal.at);
    if (signal.at > this.cursor) this.cursor = signal.at;
    await this.addSignal(account, signal);
  }

  private async scorerFor(accountId: string): Promise<ReputationScorer> {
    const cached = this.scorers.get(accountId);
    if (cached && this.now() - cached.loadedAt < SETTINGS_TTL_MS) return cached.scorer;
    const settings = await this.options.store.settings(accountId);
    // Settings changed: start a new scorer (scores restart; durable decisions stay).
    const scorer = cached && JSON.stringify(cached.scorer.settings) === JSON.stringify(settings) ? cached.scorer : new ReputationScorer(settings);
    this.scorers.set(accountId, { scorer, loadedAt: this.now() });
    return scorer;
  }

  /** Scores one signal and records the decisions it leads to. */
  async addSignal(accountId: string, signal: Signal, caller?: Caller): Promise<Decision[]> {
    const scorer = await this.scorerFor(accountId);
    const made: Decision[] = [];
    for (const verdict of scorer.add(signal)) {
      const d = await this.decide(accountId, verdict, caller);
      if (d) made.push(d);
      if (verdict.action === 'ban') scorer.reset(verdict.ip);
    }
    return made;
  }

  /** The address's current score for the account (0 when unknown). */
  async scoreOf(accountId: string, ip: string): Promise<number> {
    return (await this.scorerFor(accountId)).scoreOf(ip, this.now());
  }

  private readonly crawlers = new Map<string, CrawlerVerifier>();

  private async isVerifiedCrawler(settings: ReputationScorer['settings'], ip: string): Promise<boolean> {
    if (!settings.crawlers.enabled) return false;
    const suffixes = settings.crawlers.suffixes ?? DEFAULT_CRAWLER_SUFFIXES;
    const key = suffixes.join(',');
    let verifier = this.crawlers.get(key);
    if (!verifier) this.crawlers.set(key, (verifier = new CrawlerVerifier(suffixes, this.options.resolver)));
    return verifier.isCrawler(ip);
  }

  private async decide(accountId: string, verdict: Verdict, caller?: Caller): Promise<Decision | undefined> {
    const settings = (await this.scorerFor(accountId)).settings;
    if (await this.isVerifiedCrawler(settings, verdict.ip)) {
      this.options.logger.info({ ip: verdict.ip, scenario: verdict.scenario }, 'verified search-engine crawler: not banned');
      return undefined;
    }
    const decision = await this.options.store.decide(caller ?? systemCaller(accountId, newRequestId()), {
      value: verdict.ip,
      action: verdict.action,
      origin: 'bulwark',
      scenario: verdict.scenario,
      durationMs: settings.banSeconds * 1000,
      evidence: {
        score: Math.round(verdict.score * 100) / 100,
        signals: verdict.signals.map((s) => ({ type: s.type, at: new Date(s.at).toISOString(), eventId: s.eventId, ...(s.detail ? { detail: s.detail } : {}) })),
      },
    });
    if (decision) this.options.logger.info({ ip: decision.value, action: decision.action, scenario: decision.scenario, until: new Date(decision.until).toISOString() }, 'reputation decision');
    return decision;
  }
}
