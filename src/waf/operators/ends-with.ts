import type { OperatorFactory } from './operator.js';

/** `@endsWith`: the value ends with the parameter. */
export const endsWith: OperatorFactory = ({ param }) => (input, out) => {
  if (!input.endsWith(param)) return false;
  out.matched = param;
  return true;
};
