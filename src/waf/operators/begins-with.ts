import type { OperatorFactory } from './operator.js';

/** `@beginsWith`: the value starts with the parameter. */
export const beginsWith: OperatorFactory = ({ param }) => (input, out) => {
  if (!input.startsWith(param)) return false;
  out.matched = param;
  return true;
};
