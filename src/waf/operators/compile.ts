import { BulwarkError } from '../../core/errors.js';
import { Macro } from '../actions/macro.js';
import type { Operator, OperatorFn } from './operator.js';
import { MACRO_OPERATORS, OPERATORS } from './registry.js';

interface Memo {
  readonly hit: boolean;
  readonly captures: string[] | undefined;
  readonly matched: string | undefined;
}

const MEMO_MAX_INPUT = 1024;
const MEMO_MAX_ENTRIES = 2048;
const MEMO_BATCH_MAX = 1024;
const NO_MATCH: Memo = { hit: false, captures: undefined, matched: undefined };

/**
 * Operators are pure functions of (parameter, input): results for short inputs are remembered per
 * operator (bounded), since headers such as User-Agent or Accept repeat across requests.
 */
function memoize(name: string, fn: OperatorFn): Operator {
  const plain = new Map<string, Memo>();
  const captured = new Map<string, Memo>();
  const mayMatch = fn.mayMatch;
  const batch = fn.noneMatch;
  // inputs the memo knows are answered from it; only the others go to the batched check
  const noneMatch = batch === undefined ? undefined : (inputs: readonly string[]): boolean => {
    let unknown: string[] | undefined;
    for (const input of inputs) {
      if (mayMatch !== undefined && !mayMatch(input)) continue;
      const known = input.length > MEMO_MAX_INPUT ? undefined : (plain.get(input) ?? captured.get(input));
      if (known === undefined) (unknown ??= []).push(input);
      else if (known.hit) return false;
    }
    if (unknown === undefined) return true;
    if (!batch(unknown)) return false;
    // remembered as value-by-value evaluation would have (a body's thousands of values would only churn the memo)
    if (unknown.length <= MEMO_BATCH_MAX) {
      for (const input of unknown) {
        if (input.length > MEMO_MAX_INPUT) continue;
        if (plain.size >= MEMO_MAX_ENTRIES) plain.clear();
        plain.set(input, NO_MATCH);
      }
    }
    return true;
  };
  const evaluate: Operator['evaluate'] = (input, out, capture) => {
    if (mayMatch !== undefined && !mayMatch(input)) return false;
    if (input.length > MEMO_MAX_INPUT) return fn(input, out, capture);
    const memo = capture ? captured : plain;
    const known = memo.get(input);
    if (known !== undefined) {
      if (known.captures !== undefined) out.captures = known.captures;
      if (known.matched !== undefined) out.matched = known.matched;
      return known.hit;
    }
    const hit = fn(input, out, capture);
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(input, { hit, captures: out.captures, matched: out.matched });
    return hit;
  };
  return { name, evaluate, literals: fn.literals, noneMatch };
}

/**
 * Compiles `@name param` into an Operator. Parameters with `%{…}` are expanded per evaluation and the
 * operator instance is cached per expanded value.
 */
export function compileOperator(name: string, param: string, baseDir: string): Operator {
  const lower = name.toLowerCase();
  const factory = OPERATORS.get(lower);
  if (factory === undefined) throw new BulwarkError('Waf.InvalidRule', { where: `@${name}`, reason: 'unknown operator' });
  const macro = MACRO_OPERATORS.has(lower) && param.includes('%{') ? new Macro(param) : undefined;
  if (macro === undefined || macro.constant) {
    let fn: OperatorFn;
    try {
      fn = factory({ param, baseDir });
    } catch (e) {
      if (e instanceof BulwarkError) throw e;
      throw new BulwarkError('Waf.InvalidRule', { where: `@${name}`, reason: e instanceof Error ? e.message : String(e) });
    }
    return memoize(lower, fn);
  }
  const cache = new Map<string, OperatorFn>();
  return {
    name: lower,
    evaluate: (input, out, capture, expand) => {
      const value = expand(macro);
      let fn = cache.get(value);
      if (fn === undefined) {
        try {
          fn = factory({ param: value, baseDir });
        } catch {
          fn = () => false;
        }
        if (cache.size > 1000) cache.clear();
        cache.set(value, fn);
      }
      return fn(input, out, capture);
    },
  };
}
