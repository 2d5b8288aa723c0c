import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { parseInterval } from '../query/aggregations.js';
import type { Expr, FieldRef } from '../query/ast.js';
import { parseQuery, resolveField } from '../query/parser.js';
import { parseSigmaRule, severityOf } from './sigma/rule.js';

const interval = z.string().refine((v) => parseInterval(v) !== undefined, 'expected an interval such as 30s, 5m, 1h or 1d');
const fieldName = z.string().min(1).max(128);

/** What users write: the three rule kinds. */
export const ruleDefinition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), query: z.string().max(16_384), groupBy: z.array(fieldName).max(5).default([]), window: interval, threshold: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('new_value'), query: z.string().max(16_384).default(''), field: fieldName, groupBy: z.array(fieldName).max(5).default([]), learn: interval.default('7d') }).strict(),
  z.object({ kind: z.literal('sigma'), yaml: z.string().min(1).max(256 * 1024) }).strict(),
]);
export type RuleDefinition = z.infer<typeof ruleDefinition>;

/** A definition checked and compiled: query trees and field references ready for the store. */
export type CompiledRule =
  | { kind: 'threshold'; expr: Expr; groupBy: FieldRef[]; windowMs: number; threshold: number; severity: number }
  | { kind: 'new_value'; expr: Expr; field: FieldRef; groupBy: FieldRef[]; learnMs: number; severity: number }
  | { kind: 'sigma'; expr: Expr; title: string; severity: number };

/** Validates and compiles a rule definition; errors name the rule and the field. */
export function compileRule(name: string, raw: unknown, severity = 50): CompiledRule {
  const parsed = ruleDefinition.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BulwarkError('Events.InvalidRule', { rule: name, field: issue?.path.join('.') || 'kind', reason: issue?.message ?? 'invalid' });
  }
  const d = parsed.data;
  const fieldsOf = (names: readonly string[]) => names.map((n) => resolveField(n, 0));
  switch (d.kind) {
    case 'threshold':
      return { kind: 'threshold', expr: parseQuery(d.query), groupBy: fieldsOf(d.groupBy), windowMs: parseInterval(d.window) as number, threshold: d.threshold, severity };
    case 'new_value':
      return { kind: 'new_value', expr: parseQuery(d.query), field: resolveField(d.field, 0), groupBy: fieldsOf(d.groupBy), learnMs: parseInterval(d.learn) as number, severity };
    case 'sigma': {
      const rule = parseSigmaRule(d.yaml, name);
      return { kind: 'sigma', expr: rule.expr, title: rule.title, severity: severityOf(rule.level) };
    }
  }
}
