import type { Transformation } from './transformation.js';

/** `t:lowercase`: ASCII letters only (C-locale tolower), bytes ≥ 0x80 untouched. */
export const lowercase: Transformation = (input) => {
  if (!/[A-Z]/.test(input)) return input;
  return input.replace(/[A-Z]+/g, (s) => s.toLowerCase());
};
