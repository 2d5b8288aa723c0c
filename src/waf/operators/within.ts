import type { OperatorFactory } from './operator.js';

/** `@within`: the value occurs somewhere in the parameter (e.g. a method in an allowed list). */
export const within: OperatorFactory = ({ param }) => (input, out) => {
  if (!param.includes(input)) return false;
  out.matched = input;
  return true;
};
