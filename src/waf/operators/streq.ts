import type { OperatorFactory } from './operator.js';

/** `@streq`: the value equals the parameter exactly. */
export const streq: OperatorFactory = ({ param }) => (input, out) => {
  if (input !== param) return false;
  out.matched = input;
  return true;
};
