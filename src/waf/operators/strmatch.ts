import type { OperatorFactory } from './operator.js';

/** `@strmatch`: the parameter occurs in the value (case-sensitive substring search). */
export const strmatch: OperatorFactory = ({ param }) => (input, out) => {
  if (!input.includes(param)) return false;
  out.matched = param;
  return true;
};
