import { toNumber } from './numeric.js';
import type { OperatorFactory } from './operator.js';

/** `@lt`: the value, read as an integer, is less than the (macro-expanded) parameter. */
export const lt: OperatorFactory = ({ param }) => {
  const expected = toNumber(param);
  return (input, out) => {
    if (!(toNumber(input) < expected)) return false;
    out.matched = input;
    return true;
  };
};
