import type { ConditionOperator } from './conditions/operator.js';
import { CONDITION_OPERATORS } from './conditions/registry.js';
import { isMultiValued, lookupContext, type RequestContext } from './context.js';
import type { PolicyDocument, PolicyEffect, PolicyKind, PrincipalType } from './document.js';
import { parsePolicyDocument } from './parse.js';
import { compileWildcardSet, hasWildcard, type StringMatcher } from './wildcard.js';

/** Who a policy is, for audit and AccessDeniedDetail: RAM's PolicyName and PolicyType (`System` | `Custom` | `Inline` …). */
export interface PolicyMeta {
  readonly policyName: string;
  readonly policyType: string;
  /** the policy version (`v1` …) the document came from, if any */
  readonly versionId?: string;
}

/** The statement that decided a request. `statementIndex` counts from 0 like the error paths. */
export interface MatchedStatement {
  readonly policyName: string;
  readonly policyType: string;
  readonly versionId?: string;
  readonly statementIndex: number;
  readonly effect: PolicyEffect;
  readonly sid?: string;
}

/** The calling principal, for trust policies: its type and every identifier a Principal entry may name. */
export interface RequestPrincipal {
  readonly type: PrincipalType;
  /** e.g. for a RAM user of account 1234: `['acs:ram::1234:root', 'acs:ram::1234:user/alice']` */
  readonly ids: readonly string[];
}

export interface CompiledCondition {
  readonly operator: ConditionOperator;
  readonly key: string;
  readonly lowerKey: string;
  readonly compiled: unknown;
}

/** One statement turned into matchers. Actions are matched on the lower-cased action name. */
export interface CompiledStatement {
  readonly effect: PolicyEffect;
  readonly index: number;
  readonly matchAction: StringMatcher;
  readonly matchResource: StringMatcher;
  /** the Resource patterns for the resource index; null when the matcher must be called (NotResource) */
  readonly resourcePatterns: readonly string[] | null;
  readonly principal: Readonly<Partial<Record<PrincipalType, StringMatcher>>> | null;
  readonly conditions: readonly CompiledCondition[];
  readonly matched: MatchedStatement;
  /** where the action index files the statement: exact lower-cased action names, service prefixes, or everywhere */
  readonly exactActions: readonly string[];
  readonly servicePrefixes: readonly string[];
  readonly global: boolean;
}

/** A parsed, validated policy ready for evaluation. Immutable; share it between principals. */
export interface CompiledPolicy {
  readonly meta: PolicyMeta;
  readonly kind: PolicyKind;
  readonly document: PolicyDocument;
  readonly statements: readonly CompiledStatement[];
}

const always: StringMatcher = () => true;

function negate(m: StringMatcher): StringMatcher {
  return (v) => !m(v);
}

function indexActions(patterns: readonly string[]): { exact: string[]; services: string[]; global: boolean } {
  const exact = new Set<string>();
  const services = new Set<string>();
  let global = false;
  for (const p of patterns) {
    const lower = p.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon < 0) {
      global = true; // '*'
      continue;
    }
    const service = lower.slice(0, colon);
    const name = lower.slice(colon + 1);
    if (hasWildcard(service)) global = true;
    else if (hasWildcard(name)) services.add(service);
    else exact.add(lower);
  }
  return { exact: [...exact], services: [...services], global };
}

/**
 * Parses (if needed) and compiles a policy document: wildcard matchers per element, CIDR range sets and
 * typed values per condition, and the action index keys. Throws MalformedPolicyDocument like
 * `parsePolicyDocument`.
 */
export function compilePolicy(document: unknown, meta: PolicyMeta, options: { kind?: PolicyKind } = {}): CompiledPolicy {
  const kind = options.kind ?? 'identity';
  const doc = parsePolicyDocument(document, { kind });
  const statements = doc.Statement.map((s, index): CompiledStatement => {
    let matchAction: StringMatcher;
    let exactActions: string[] = [];
    let servicePrefixes: string[] = [];
    let global = false;
    if (s.Action) {
      matchAction = compileWildcardSet(s.Action.map((a) => a.toLowerCase()));
      const idx = indexActions(s.Action);
      exactActions = idx.exact;
      servicePrefixes = idx.services;
      global = idx.global;
    } else {
      matchAction = negate(compileWildcardSet((s.NotAction ?? []).map((a) => a.toLowerCase())));
      global = true;
    }
    let matchResource = always;
    let resourcePatterns: readonly string[] | null = ['*']; // trust policies name no resource
    if (s.Resource) {
      matchResource = compileWildcardSet(s.Resource);
      resourcePatterns = s.Resource;
    } else if (s.NotResource) {
      matchResource = negate(compileWildcardSet(s.NotResource));
      resourcePatterns = null;
    }

    let principal: Partial<Record<PrincipalType, StringMatcher>> | null = null;
    if (s.Principal) {
      principal = {};
      for (const [type, ids] of Object.entries(s.Principal) as Array<[PrincipalType, readonly string[]]>) principal[type] = compileWildcardSet(ids);
    }

    const conditions: CompiledCondition[] = [];
    for (const [opName, keys] of Object.entries(s.Condition ?? {})) {
      const operator = CONDITION_OPERATORS.get(opName)!; // validated by parsePolicyDocument
      for (const [key, values] of Object.entries(keys)) conditions.push({ operator, key, lowerKey: key.toLowerCase(), compiled: operator.compile(values) });
    }
    const matched: MatchedStatement = Object.freeze({
      policyName: meta.policyName,
      policyType: meta.policyType,
      ...(meta.versionId !== undefined ? { versionId: meta.versionId } : {}),
      statementIndex: index,
      effect: s.Effect,
      ...(s.Sid !== undefined ? { sid: s.Sid } : {}),
    });
    return { effect: s.Effect, index, matchAction, matchResource, resourcePatterns, principal, conditions, matched, exactActions, servicePrefixes, global };
  });
  return Object.freeze({ meta, kind, document: doc, statements });
}

/** Conditions: every operator/key pair must hold (AND); within one key any value may match (OR). */
export function conditionsHold(conditions: readonly CompiledCondition[], ctx: RequestContext | undefined): boolean {
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    const value = lookupContext(ctx, c.key, c.lowerKey);
    let hit: boolean;
    if (value === undefined) {
      hit = c.operator.negated; // missing key: positive operators fail, negated ones hold
    } else {
      let any = false;
      if (isMultiValued(value)) {
        for (const v of value) {
          if (c.operator.test(c.compiled, v)) {
            any = true;
            break;
          }
        }
      } else any = c.operator.test(c.compiled, value);
      hit = c.operator.negated ? !any : any;
    }
    if (!hit) return false;
  }
  return true;
}

export function principalMatches(statement: CompiledStatement, principal: RequestPrincipal | undefined): boolean {
  if (statement.principal === null) return true;
  if (principal === undefined) return false;
  const matcher = statement.principal[principal.type];
  if (matcher === undefined) return false;
  for (const id of principal.ids) if (matcher(id)) return true;
  return false;
}
