import { toNumber } from './numeric.js';
import type { OperatorFactory } from './operator.js';

/** `@gt`: the value, read as an integer, is greater than the (macro-expanded) parameter. */
export const gt: OperatorFactory = ({ param }) => {
  const expected = toNumber(param);
  return (input, out) => {
    if (!(toNumber(input) > expected)) return false;
    out.matched = input;
    return true;
  };
};
