import type { OperatorFactory } from './operator.js';

/** `@unconditionalMatch`: always matches. */
export const unconditionalMatch: OperatorFactory = () => (input, out) => {
  out.matched = input;
  return true;
};
