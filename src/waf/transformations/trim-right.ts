import type { Transformation } from './transformation.js';

/** `t:trimRight`: removes trailing whitespace. */
export const trimRight: Transformation = (input) => input.replace(/[ \t\n\v\f\r]+$/, '');
