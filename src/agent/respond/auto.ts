import { isIP } from 'node:net';
import type { EcsDocument } from '../intrusion/alert.js';
import { appendActionLog, type LoggedAction } from './action-log.js';
import { killProcess } from './kill.js';
import type { NftOptions } from './nft.js';
import { blockIp } from './nftables.js';
import type { ResponsePolicy } from './policy.js';
import { quarantineFile } from './quarantine.js';
import { responseEvent } from './response-event.js';

/** An action the policy calls for, and the alert that asked for it. */
export interface PlannedResponse {
  action: 'block' | 'kill' | 'quarantine';
  target: string;
  durationSeconds: number;
  /** `rule.id` of the alert */
  rule: string;
}

function field(doc: EcsDocument, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function matches(pattern: string, ruleId: string): boolean {
  return pattern.endsWith('*') ? ruleId.startsWith(pattern.slice(0, -1)) : pattern === ruleId;
}

/**
 * What the policy says to do about a batch of alerts (pure): the first matching rule per alert;
 * one action per target; never-block addresses skipped; at most `maxActionsPerBatch`.
 */
export function planResponses(alerts: readonly EcsDocument[], policy: ResponsePolicy): PlannedResponse[] {
  const planned = new Map<string, PlannedResponse>();
  for (const alert of alerts) {
    if (field(alert, 'event.kind') !== 'alert') continue;
    const ruleId = String(field(alert, 'rule.id') ?? '');
    const severity = Number(field(alert, 'event.severity') ?? 0);
    const rule = policy.rules.find((r) => matches(r.match, ruleId) && severity >= r.minSeverity);
    if (!rule) continue;
    let target: string | undefined;
    if (rule.action === 'block') {
      const ip = field(alert, 'source.ip');
      if (typeof ip !== 'string' || isIP(ip) === 0 || policy.neverBlock.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6')) continue;
      target = ip;
    } else if (rule.action === 'kill') {
      const pid = field(alert, 'process.pid');
      if (typeof pid !== 'number') continue;
      target = String(pid);
    } else {
      const path = field(alert, 'file.path');
      if (typeof path !== 'string') continue;
      target = path;
    }
    const key = `${rule.action} ${target}`;
    if (!planned.has(key) && planned.size < policy.maxActionsPerBatch) planned.set(key, { action: rule.action, target, durationSeconds: rule.durationSeconds, rule: ruleId });
  }
  return [...planned.values()];
}

export interface ApplyOptions {
  stateDir: string;
  nft?: NftOptions;
}

/** Carries out planned responses; each is logged with actor `policy:<rule id>`; a failure does not stop the others. */
export async function applyResponses(planned: readonly PlannedResponse[], options: ApplyOptions): Promise<{ done: LoggedAction[]; failed: Array<{ planned: PlannedResponse; error: string }> }> {
  const done: LoggedAction[] = [];
  const failed: Array<{ planned: PlannedResponse; error: string }> = [];
  for (const p of planned) {
    try {
      const record = p.action === 'block' ? await blockIp(p.target, p.durationSeconds, options.nft) : p.action === 'kill' ? await killProcess(Number(p.target)) : await quarantineFile(p.target, options.stateDir);
      done.push(await appendActionLog(options.stateDir, record, `policy:${p.rule}`));
    } catch (e) {
      failed.push({ planned: p, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { done, failed };
}

export interface AutoResponderOptions extends ApplyOptions {
  policy: ResponsePolicy;
  /** `host.name` of the response events */
  host?: string;
  /** receives one ECS event per action taken (`agent.response`), e.g. to push to the server */
  onEvents?: (docs: EcsDocument[]) => Promise<void>;
  onError?: (message: string) => void;
}

/**
 * The hook for detectors (`onEvents` of the SSH monitor, the process watch, …): each batch of alerts
 * goes through the policy, the actions are taken and logged, and reported as events.
 */
export function autoResponder(options: AutoResponderOptions): (alerts: readonly EcsDocument[]) => Promise<LoggedAction[]> {
  return async (alerts) => {
    const plan = planResponses(alerts, options.policy);
    if (plan.length === 0) return [];
    const { done, failed } = await applyResponses(plan, options);
    for (const f of failed) options.onError?.(`automatic ${f.planned.action} of ${f.planned.target} (${f.planned.rule}) failed: ${f.error}`);
    if (done.length > 0 && options.onEvents) await options.onEvents(done.map((d) => responseEvent(d, options.host)));
    return done;
  };
}
