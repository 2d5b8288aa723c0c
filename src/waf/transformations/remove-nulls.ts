import type { Transformation } from './transformation.js';

/** `t:removeNulls`: deletes NUL bytes. */
export const removeNulls: Transformation = (input) => (input.includes('\0') ? input.replace(/\0/g, '') : input);
