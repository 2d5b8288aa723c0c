/**
 * The condition of a webshell rule, a small YARA-like language:
 *
 *   condition := term (("and" | "or") term)*        "and" binds tighter than "or"
 *   term      := ["not"] atom
 *   atom      := quantity "of" set | "any" | "all" | "entropy"
 *   quantity  := "any" | "all" | "none" | N
 *   set       := "strings" | "regexes" | "them"      (them: strings and regexes together)
 *
 * `any` alone is `any of them`, `all` alone `all of them`; `entropy` is true when the rule's
 * entropy threshold is met. Examples: `any of regexes`, `2 of strings`, `all`,
 * `any of regexes and entropy`, `all of regexes and not any of strings`.
 */
export type SetName = 'strings' | 'regexes' | 'them';

export type Condition =
  | { readonly op: 'of'; readonly quantity: number | 'any' | 'all' | 'none'; readonly set: SetName }
  | { readonly op: 'entropy' }
  | { readonly op: 'not'; readonly arg: Condition }
  | { readonly op: 'and' | 'or'; readonly args: readonly Condition[] };

export interface MatchCounts {
  readonly strings: number;
  readonly regexes: number;
  readonly stringsTotal: number;
  readonly regexesTotal: number;
  readonly entropy: boolean;
}

/** Parses a condition; throws an Error whose message says what is wrong (the caller names the field). */
export function parseCondition(text: string): Condition {
  const tokens = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new Error('empty condition');
  let i = 0;
  const atom = (): Condition => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('condition ends too early');
    if (t === 'not') return { op: 'not', arg: atom() };
    if (t === 'entropy') return { op: 'entropy' };
    const isQuantity = t === 'any' || t === 'all' || t === 'none' || /^\d+$/.test(t);
    if (!isQuantity) throw new Error(`unexpected "${t}"`);
    const quantity = /^\d+$/.test(t) ? Number(t) : (t as 'any' | 'all' | 'none');
    if (tokens[i] !== 'of') {
      if (typeof quantity === 'number' || quantity === 'none') throw new Error(`"${t}" needs "of strings", "of regexes" or "of them"`);
      return { op: 'of', quantity, set: 'them' };
    }
    i++;
    const set = tokens[i++];
    if (set !== 'strings' && set !== 'regexes' && set !== 'them') throw new Error(`expected strings, regexes or them after "of", not "${set ?? 'nothing'}"`);
    return { op: 'of', quantity, set };
  };
  const conjunction = (): Condition => {
    const args = [atom()];
    while (tokens[i] === 'and') {
      i++;
      args.push(atom());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  };
  const args = [conjunction()];
  while (tokens[i] === 'or') {
    i++;
    args.push(conjunction());
  }
  if (i < tokens.length) throw new Error(`unexpected "${tokens[i]}"`);
  return args.length === 1 ? args[0]! : { op: 'or', args };
}

/** The sets a condition reads and whether it reads the entropy (to check the rule defines them). */
export function conditionNeeds(c: Condition, out: { sets: Set<SetName>; entropy: boolean } = { sets: new Set(), entropy: false }): { sets: Set<SetName>; entropy: boolean } {
  switch (c.op) {
    case 'of':
      out.sets.add(c.set);
      break;
    case 'entropy':
      out.entropy = true;
      break;
    case 'not':
      conditionNeeds(c.arg, out);
      break;
    default:
      c.args.forEach((a) => conditionNeeds(a, out));
  }
  return out;
}

export function evaluateCondition(c: Condition, m: MatchCounts): boolean {
  switch (c.op) {
    case 'entropy':
      return m.entropy;
    case 'not':
      return !evaluateCondition(c.arg, m);
    case 'and':
      return c.args.every((a) => evaluateCondition(a, m));
    case 'or':
      return c.args.some((a) => evaluateCondition(a, m));
    case 'of': {
      const hit = c.set === 'strings' ? m.strings : c.set === 'regexes' ? m.regexes : m.strings + m.regexes;
      const total = c.set === 'strings' ? m.stringsTotal : c.set === 'regexes' ? m.regexesTotal : m.stringsTotal + m.regexesTotal;
      if (c.quantity === 'any') return hit > 0;
      if (c.quantity === 'all') return total > 0 && hit === total;
      if (c.quantity === 'none') return hit === 0;
      return hit >= c.quantity;
    }
  }
}
