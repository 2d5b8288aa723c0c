import { toNumber } from './numeric.js';
import type { OperatorFactory } from './operator.js';

/** `@le`: the value, read as an integer, is less than or equal to the (macro-expanded) parameter. */
export const le: OperatorFactory = ({ param }) => {
  const expected = toNumber(param);
  return (input, out) => {
    if (!(toNumber(input) <= expected)) return false;
    out.matched = input;
    return true;
  };
};
