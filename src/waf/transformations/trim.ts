import type { Transformation } from './transformation.js';

/** `t:trim`: removes leading and trailing whitespace. */
export const trim: Transformation = (input) => input.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
