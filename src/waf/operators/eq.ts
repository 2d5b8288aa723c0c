import { toNumber } from './numeric.js';
import type { OperatorFactory } from './operator.js';

/** `@eq`: the value, read as an integer, equals the (macro-expanded) parameter. */
export const eq: OperatorFactory = ({ param }) => {
  const expected = toNumber(param);
  return (input, out) => {
    if (!(toNumber(input) === expected)) return false;
    out.matched = input;
    return true;
  };
};
