import { BulwarkError } from '../../core/errors.js';
import { Macro } from '../actions/macro.js';
import type { Operator, OperatorFn } from './operator.js';
import { MACRO_OPERATORS, OPERATORS } from './registry.js';

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
    return { name: lower, evaluate: (input, out, capture) => fn(input, out, capture) };
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
