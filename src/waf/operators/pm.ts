import type { OperatorFactory, OperatorFn } from './operator.js';
import { PhraseMatcher } from './pm-matcher.js';

/** `@pm`: case-insensitive match of any space-separated phrase; the phrase found is TX.0 with `capture`. */
export const pm: OperatorFactory = ({ param }) => {
  const matcher = new PhraseMatcher(param.split(/\s+/));
  const fn: OperatorFn = (input, out, capture) => {
    const found = matcher.find(input);
    if (found === undefined) return false;
    out.matched = found;
    if (capture) out.captures = [found];
    return true;
  };
  return matcher.literals === undefined ? fn : Object.assign(fn, { literals: matcher.literals });
};
