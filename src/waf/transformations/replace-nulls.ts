import type { Transformation } from './transformation.js';

/** `t:replaceNulls`: NUL bytes become spaces. */
export const replaceNulls: Transformation = (input) => (input.includes('\0') ? input.replace(/\0/g, ' ') : input);
