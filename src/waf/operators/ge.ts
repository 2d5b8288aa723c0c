import { toNumber } from './numeric.js';
import type { OperatorFactory } from './operator.js';

/** `@ge`: the value, read as an integer, is greater than or equal to the (macro-expanded) parameter. */
export const ge: OperatorFactory = ({ param }) => {
  const expected = toNumber(param);
  return (input, out) => {
    if (!(toNumber(input) >= expected)) return false;
    out.matched = input;
    return true;
  };
};
