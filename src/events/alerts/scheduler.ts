import type { Logger } from '../../core/logger.js';
import type { EventStore } from '../store/event-store.js';
import type { Alert, AlertStore } from './alert-store.js';
import { evaluateRule } from './evaluate.js';
import { compileRule } from './rule-definition.js';

export interface SchedulerOptions {
  events: EventStore;
  alerts: AlertStore;
  logger: Logger;
  now?: () => number;
  /** where the first evaluation of a threshold or Sigma rule starts; default 1 h */
  firstLookbackMs?: number;
  /** called with newly raised alerts after each tick (the notifier); failures are logged */
  notify?: (alerts: readonly Alert[]) => Promise<void>;
}

export interface TickReport {
  rules: number;
  raised: number;
  folded: number;
  failed: Array<{ ruleId: string; error: string }>;
}

/**
 * Evaluates every enabled rule on an interval. Each rule's evaluation commits its alerts together
 * with its checkpoint, so a restart resumes where the last commit stopped: no window is evaluated
 * twice and no alert is raised twice. One failing rule never stops the others.
 */
export class RuleScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickReport> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One pass over the enabled rules (concurrent calls share the pass in progress). */
  tick(): Promise<TickReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<TickReport> {
    const { alerts, events, logger } = this.options;
    const report: TickReport = { rules: 0, raised: 0, folded: 0, failed: [] };
    for (const rule of await alerts.listRules(true)) {
      report.rules++;
      try {
        const compiled = compileRule(rule.name, rule.definition, rule.severity);
        const checkpoint = await alerts.checkpoint(rule.id);
        const evaluation = await evaluateRule(rule, compiled, checkpoint, {
          store: events,
          now: this.now(),
          firstLookbackMs: this.options.firstLookbackMs ?? 3_600_000,
          knownValues: (hashes) => alerts.knownValues(rule.id, hashes),
        });
        const r = await alerts.commitEvaluation(rule, checkpoint, evaluation.next, evaluation.drafts, evaluation.values);
        report.raised += r.raised;
        report.folded += r.folded;
      } catch (e) {
        report.failed.push({ ruleId: rule.id, error: e instanceof Error ? e.message : String(e) });
        logger.warn({ ruleId: rule.id, err: e }, 'alert rule evaluation failed');
      }
    }
    if (this.options.notify) {
      try {
        const pending = await alerts.pendingNotifications();
        if (pending.length > 0) {
          await this.options.notify(pending);
          await alerts.markNotified(pending.map((a) => a.id));
        }
      } catch (e) {
        logger.warn({ err: e }, 'alert notification failed');
      }
    }
    return report;
  }

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
