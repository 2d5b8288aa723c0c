import { isHexByte } from '../transformations/transformation.js';
import type { OperatorFactory } from './operator.js';

/** `@validateUrlEncoding`: matches when a `%` is not followed by two hex digits. */
export const validateUrlEncoding: OperatorFactory = () => (input, out) => {
  for (let i = input.indexOf('%'); i >= 0; i = input.indexOf('%', i + 1)) {
    if (i + 2 >= input.length || !isHexByte(input.charCodeAt(i + 1)) || !isHexByte(input.charCodeAt(i + 2))) {
      out.matched = input.slice(i, i + 3);
      return true;
    }
  }
  return false;
};
