import type { OperatorFactory } from './operator.js';

/** `@contains`: the parameter occurs in the value. */
export const contains: OperatorFactory = ({ param }) => (input, out, capture) => {
  if (!input.includes(param)) return false;
  out.matched = param;
  if (capture) out.captures = [param];
  return true;
};
