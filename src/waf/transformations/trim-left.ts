import type { Transformation } from './transformation.js';

/** `t:trimLeft`: removes leading whitespace. */
export const trimLeft: Transformation = (input) => input.replace(/^[ \t\n\v\f\r]+/, '');
