import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BulwarkError } from '../../core/errors.js';
import type { Condition } from './condition.js';
import { policySchema } from './policy-schema.js';
import type { CheckInfo } from './result.js';
import { parseRule, type Rule } from './rule.js';

/** A check ready to run. */
export interface Check extends CheckInfo {
  readonly condition: Condition;
  readonly rules: readonly Rule[];
}

/** A loaded policy: rules parsed, variables substituted, regexes compiled. */
export interface Policy {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly description?: string;
  readonly requirements?: { readonly title: string; readonly condition: Condition; readonly rules: readonly Rule[] };
  readonly checks: readonly Check[];
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('') || '(document)';
}

/** Parses and validates SCA policy YAML; errors name the field (`checks[3].condition`). */
export function parsePolicy(yamlText: string, source: string): Policy {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText, { maxAliasCount: 100 });
  } catch (e) {
    throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source, field: '(document)', reason: `not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source, field: fieldOf(issue.path), reason: issue.message });
  }
  const doc = parsed.data;
  const variables = new Map(Object.entries(doc.variables ?? {}).map(([k, v]) => [k.slice(1), v]));
  const seen = new Set<string>();
  const checks = doc.checks.map((c, i): Check => {
    if (seen.has(String(c.id))) throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source, field: `checks[${i}].id`, reason: `duplicate check id ${c.id}` });
    seen.add(String(c.id));
    return {
      id: c.id,
      title: (c.title ?? c.name)!,
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(c.rationale !== undefined ? { rationale: c.rationale } : {}),
      ...(c.remediation !== undefined ? { remediation: c.remediation } : {}),
      compliance: c.compliance ?? {},
      references: c.references ?? [],
      condition: c.condition,
      rules: c.rules.map((r, j) => parseRule(r, variables, `checks[${i}].rules[${j}]`, source)),
    };
  });
  const req = doc.requirements;
  return {
    id: doc.policy.id,
    name: doc.policy.name,
    file: doc.policy.file ?? source,
    ...(doc.policy.description !== undefined ? { description: doc.policy.description } : {}),
    ...(req ? { requirements: { title: req.title ?? req.name ?? 'requirements', condition: req.condition, rules: req.rules.map((r, j) => parseRule(r, variables, `requirements.rules[${j}]`, source)) } } : {}),
    checks,
  };
}

/** Reads and parses a policy file. */
export function loadPolicyFile(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BulwarkError('Agent.Baseline.PolicyNotFound', { path, reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  return parsePolicy(text, basename(path));
}

/** Rules of a policy that can never be evaluated here (unsupported regex, registry), for warnings. */
export function unusableRules(policy: Policy): Array<{ check: number | string; rule: string; reason: string }> {
  return policy.checks.flatMap((c) => c.rules.filter((r) => r.invalid !== undefined).map((r) => ({ check: c.id, rule: r.source, reason: r.invalid! })));
}
