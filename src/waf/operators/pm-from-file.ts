import { readDataFile } from './data-file.js';
import type { OperatorFactory, OperatorFn } from './operator.js';
import { PhraseMatcher } from './pm-matcher.js';

/** `@pmFromFile` (alias `@pmf`): like @pm with phrases from one or more data files next to the rule file. */
export const pmFromFile: OperatorFactory = ({ param, baseDir }) => {
  const phrases = param.split(/\s+/).filter((f) => f !== '').flatMap((f) => readDataFile(f, baseDir));
  const matcher = new PhraseMatcher(phrases);
  const fn: OperatorFn = (input, out, capture) => {
    const found = matcher.find(input);
    if (found === undefined) return false;
    out.matched = found;
    if (capture) out.captures = [found];
    return true;
  };
  return matcher.literals === undefined ? fn : Object.assign(fn, { literals: matcher.literals });
};
