import type { CompiledPolicy, CompiledStatement } from './compile.js';
import { ResourceIndex } from './resource-index.js';
import { compileWildcard, hasWildcard } from './wildcard.js';

/** The statements whose action matches one action, Deny and Allow apart, each behind a resource index. */
export interface Candidates {
  readonly lowerAction: string;
  readonly deny: ResourceIndex<CompiledStatement> | null;
  readonly allow: ResourceIndex<CompiledStatement> | null;
}

const MAX_MEMO_ACTIONS = 4096;

function isPrefixOrExact(pattern: string): boolean {
  const star = pattern.indexOf('*');
  return !pattern.includes('?') && (star < 0 || star === pattern.length - 1);
}

function indexResources(index: ResourceIndex<CompiledStatement>, c: CompiledStatement): void {
  const patterns = c.resourcePatterns;
  if (patterns === null) {
    index.addTested(c.matchResource, c);
    return;
  }
  for (const p of patterns) {
    if (p === '*') index.addAlways(c);
    else if (isPrefixOrExact(p)) index.addPattern(p, c);
    else index.addTested(hasWildcard(p) ? compileWildcard(p) : (v) => v === p, c);
  }
}

/**
 * Several compiled policies merged behind two indexes. The action index files every statement under
 * its exact action names, its service prefixes (`ecs:Describe*` → `ecs`) or a short global list
 * (`*`, `NotAction`, wildcard services); `candidates(action)` joins the three for one action and
 * files the result in a resource index (radix trie of ARN prefixes), memoised per action. So a
 * decision only looks at statements whose action and resource can match, however large the set.
 */
export class CompiledPolicySet {
  readonly policies: readonly CompiledPolicy[];
  readonly statementCount: number;
  private readonly exact = new Map<string, CompiledStatement[]>();
  private readonly service = new Map<string, CompiledStatement[]>();
  private readonly global: CompiledStatement[] = [];
  private readonly order = new Map<CompiledStatement, number>();
  /** keyed by the action exactly as callers pass it (usually a constant string, so hashing is free) */
  private readonly memo = new Map<string, Candidates>();
  private readonly lowerMemo = new Map<string, Candidates>();

  constructor(policies: readonly CompiledPolicy[]) {
    this.policies = policies;
    let count = 0;
    for (const policy of policies) {
      for (const s of policy.statements) {
        this.order.set(s, count++);
        if (s.global) this.global.push(s);
        for (const a of s.exactActions) push(this.exact, a, s);
        for (const p of s.servicePrefixes) push(this.service, p, s);
      }
    }
    this.statementCount = count;
  }

  /** Candidate statements for an action name (any case). */
  candidates(action: string): Candidates {
    const hit = this.memo.get(action);
    if (hit !== undefined) return hit;
    const lowerAction = action.toLowerCase();
    let result = this.lowerMemo.get(lowerAction);
    if (result === undefined) {
      result = this.build(lowerAction);
      if (this.lowerMemo.size < MAX_MEMO_ACTIONS) this.lowerMemo.set(lowerAction, result);
    }
    if (this.memo.size < MAX_MEMO_ACTIONS) this.memo.set(action, result);
    return result;
  }

  private build(lowerAction: string): Candidates {
    const colon = lowerAction.indexOf(':');
    const service = colon >= 0 ? lowerAction.slice(0, colon) : lowerAction;
    const seen = new Set<CompiledStatement>();
    const found: CompiledStatement[] = [];
    const add = (statements: readonly CompiledStatement[] | undefined, checkAction: boolean): void => {
      if (!statements) return;
      for (const statement of statements) {
        if (seen.has(statement)) continue;
        seen.add(statement);
        // statements from the service and global lists are only kept if their action matches now
        if (checkAction && !statement.matchAction(lowerAction)) continue;
        found.push(statement);
      }
    };
    add(this.exact.get(lowerAction), false);
    add(this.service.get(service), true);
    add(this.global, true);
    // policy order, so that within one resource pattern the first statement written is tried first
    found.sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    let deny: ResourceIndex<CompiledStatement> | null = null;
    let allow: ResourceIndex<CompiledStatement> | null = null;
    for (const c of found) {
      if (c.effect === 'Deny') indexResources((deny ??= new ResourceIndex()), c);
      else indexResources((allow ??= new ResourceIndex()), c);
    }
    return { lowerAction, deny, allow };
  }
}

function push(map: Map<string, CompiledStatement[]>, key: string, s: CompiledStatement): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== s) list.push(s);
  } else map.set(key, [s]);
}

/** Merges compiled policies into one indexed set. */
export function compilePolicySet(policies: readonly CompiledPolicy[]): CompiledPolicySet {
  return new CompiledPolicySet(policies);
}
