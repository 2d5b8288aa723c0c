import { BulwarkError } from '../../../core/errors.js';

/** Sigma's condition language: names, `1 of x*`, `all of them`, and/or/not, parentheses. */
export type Condition =
  | { kind: 'ref'; name: string }
  | { kind: 'of'; quantifier: 'one' | 'all'; pattern: string }
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition };

function tokens(text: string): string[] {
  return text.match(/\(|\)|\||[^\s()|]+/g) ?? [];
}

/** Parses a condition; an aggregation (`| count() > 5`) is reported as an unsupported feature. */
export function parseCondition(text: string, rule: string): Condition {
  const t = tokens(text);
  let i = 0;
  const unsupported = (feature: string) => new BulwarkError('Events.SigmaUnsupported', { rule, feature });
  const fail = (reason: string) => new BulwarkError('Events.InvalidRule', { rule, field: 'detection.condition', reason });
  const peek = () => t[i]?.toLowerCase();
  const orExpr = (): Condition => {
    const items = [andExpr()];
    while (peek() === 'or') {
      i++;
      items.push(andExpr());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'or', items };
  };
  const andExpr = (): Condition => {
    const items = [notExpr()];
    while (peek() === 'and') {
      i++;
      items.push(notExpr());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'and', items };
  };
  const notExpr = (): Condition => {
    if (peek() === 'not') {
      i++;
      return { kind: 'not', item: notExpr() };
    }
    return primary();
  };
  const primary = (): Condition => {
    const tok = t[i++];
    if (tok === undefined) throw fail('the condition ends early');
    if (tok === '(') {
      const inner = orExpr();
      if (t[i++] !== ')') throw fail('missing ")"');
      return inner;
    }
    if (tok === '|') throw unsupported('aggregation condition (| count …)');
    const lower = tok.toLowerCase();
    if (lower === '1' || lower === 'all' || lower === 'any') {
      if (peek() === 'of') {
        i++;
        const target = t[i++];
        if (target === undefined) throw fail('"of" needs a name pattern or "them"');
        return { kind: 'of', quantifier: lower === 'all' ? 'all' : 'one', pattern: target };
      }
    }
    if (/^\d+$/.test(lower) && t[i]?.toLowerCase() === 'of') throw unsupported(`"${tok} of" (only 1 of / all of)`);
    if (['and', 'or', ')'].includes(lower)) throw fail(`unexpected "${tok}"`);
    return { kind: 'ref', name: tok };
  };
  const result = orExpr();
  if (i < t.length) {
    if (t[i] === '|') throw unsupported('aggregation condition (| count …)');
    throw fail(`unexpected "${t[i]}"`);
  }
  return result;
}
