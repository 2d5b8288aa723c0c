import type { FieldValue } from '../event.js';
import { fieldName, type Expr, type FieldRef } from '../query/ast.js';
import type { EventStore, GroupCount } from '../store/event-store.js';
import { hashKey, type AlertDraft, type LearnedValue, type Rule } from './alert-store.js';
import type { CompiledRule } from './rule-definition.js';

/** The outcome of evaluating one rule over (checkpoint, now]: alerts, learned values, the new checkpoint. */
export interface Evaluation {
  next: number;
  drafts: AlertDraft[];
  values: LearnedValue[];
}

export interface EvaluationContext {
  store: EventStore;
  now: number;
  /** where the first evaluation of a rule starts (threshold and Sigma); new-value rules learn instead */
  firstLookbackMs: number;
  knownValues(hashes: readonly string[]): Promise<Set<string>>;
}

const HOST: FieldRef = { kind: 'schema', name: 'host.name' };
const MAX_WINDOWS_PER_RUN = 288;

/** A rule of an account only sees that account's events. */
function scoped(expr: Expr, rule: Rule): Expr {
  if (rule.accountId === null) return expr;
  return { kind: 'and', items: [expr, { kind: 'term', field: { kind: 'schema', name: 'cloud.account.id' }, pattern: [{ kind: 'lit', text: rule.accountId }], caseInsensitive: false, column: 0 }] };
}

function groupOf(fields: readonly FieldRef[], g: GroupCount): Record<string, FieldValue | null> {
  return Object.fromEntries(fields.map((f, i) => [fieldName(f), g.values[i] ?? null]));
}

function describeGroup(group: Record<string, FieldValue | null>): string {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${v ?? '-'}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Threshold: tumbling windows aligned to the window size; each window is evaluated once. */
async function threshold(rule: Rule, c: Extract<CompiledRule, { kind: 'threshold' }>, checkpoint: number | undefined, ctx: EvaluationContext): Promise<Evaluation> {
  const w = c.windowMs;
  let start = checkpoint ?? Math.floor((ctx.now - Math.max(ctx.firstLookbackMs, w)) / w) * w;
  const drafts: AlertDraft[] = [];
  for (let n = 0; start + w <= ctx.now && n < MAX_WINDOWS_PER_RUN; n++, start += w) {
    const groups = await ctx.store.groupCount({ query: scoped(c.expr, rule), from: start, to: start + w, groupBy: c.groupBy, minCount: c.threshold, limit: 1000 });
    for (const g of groups) {
      const group = groupOf(c.groupBy, g);
      drafts.push({ title: `${rule.name}: ${g.count} matching events in ${w / 1000}s${describeGroup(group)}`, severity: c.severity, group, count: g.count, first: g.first, last: g.last, occurrence: JSON.stringify(['threshold', start, g.values]) });
    }
  }
  return { next: start, drafts, values: [] };
}

/** New value: a value of the field never seen before for its group; the first run only learns. */
async function newValue(rule: Rule, c: Extract<CompiledRule, { kind: 'new_value' }>, checkpoint: number | undefined, ctx: EvaluationContext): Promise<Evaluation> {
  const fields = [...c.groupBy, c.field];
  const learning = checkpoint === undefined;
  const from = checkpoint ?? ctx.now - c.learnMs;
  const groups = (await ctx.store.groupCount({ query: scoped(c.expr, rule), from, to: ctx.now, groupBy: fields, limit: 100_000 })).filter((g) => g.values[g.values.length - 1] !== null);
  const hashes = groups.map((g) => hashKey(g.values));
  const known = learning ? new Set<string>() : await ctx.knownValues(hashes);
  const drafts: AlertDraft[] = [];
  const values: LearnedValue[] = [];
  groups.forEach((g, i) => {
    const hash = hashes[i] as string;
    if (known.has(hash)) return;
    values.push({ hash, value: g.values, firstSeen: g.first });
    if (learning) return;
    const group = groupOf(fields, g);
    const value = g.values[g.values.length - 1];
    drafts.push({ title: `${rule.name}: new ${fieldName(c.field)} ${String(value)}${describeGroup(groupOf(c.groupBy, g))}`, severity: c.severity, group, count: g.count, first: g.first, last: g.last, occurrence: JSON.stringify(['new', hash]) });
  });
  return { next: ctx.now, drafts, values };
}

/** Sigma: matches since the checkpoint, one alert per rule and host (folded while open). */
async function sigma(rule: Rule, c: Extract<CompiledRule, { kind: 'sigma' }>, checkpoint: number | undefined, ctx: EvaluationContext): Promise<Evaluation> {
  const from = checkpoint ?? ctx.now - ctx.firstLookbackMs;
  const groups = await ctx.store.groupCount({ query: scoped(c.expr, rule), from, to: ctx.now, groupBy: [HOST], limit: 1000 });
  const drafts = groups.map((g): AlertDraft => {
    const group = groupOf([HOST], g);
    return { title: `${c.title}${describeGroup(group)}`, severity: c.severity, group, count: g.count, first: g.first, last: g.last, occurrence: JSON.stringify(['sigma', from, g.values]) };
  });
  return { next: ctx.now, drafts, values: [] };
}

export function evaluateRule(rule: Rule, compiled: CompiledRule, checkpoint: number | undefined, ctx: EvaluationContext): Promise<Evaluation> {
  switch (compiled.kind) {
    case 'threshold':
      return threshold(rule, compiled, checkpoint, ctx);
    case 'new_value':
      return newValue(rule, compiled, checkpoint, ctx);
    case 'sigma':
      return sigma(rule, compiled, checkpoint, ctx);
  }
}
