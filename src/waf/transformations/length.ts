import type { Transformation } from './transformation.js';

/** `t:length`: the byte length, in decimal. */
export const length: Transformation = (input) => String(input.length);
