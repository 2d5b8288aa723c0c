import type { Transformation } from './transformation.js';

/** `t:uppercase`: ASCII letters only (C-locale toupper). */
export const uppercase: Transformation = (input) => {
  if (!/[a-z]/.test(input)) return input;
  return input.replace(/[a-z]+/g, (s) => s.toUpperCase());
};
