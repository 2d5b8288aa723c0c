import type { OperatorFactory } from './operator.js';

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** `@containsWord`: the parameter occurs in the value delimited by non-word characters or the ends. */
export const containsWord: OperatorFactory = ({ param }) => (input, out) => {
  if (param === '') return true;
  for (let i = input.indexOf(param); i >= 0; i = input.indexOf(param, i + 1)) {
    if (!isWordChar(input[i - 1]) && !isWordChar(input[i + param.length])) {
      out.matched = param;
      return true;
    }
  }
  return false;
};
