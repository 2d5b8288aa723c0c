import type { Transformation } from './transformation.js';

/** `t:none`: identity; in a rule's action list it also clears inherited transformations. */
export const none: Transformation = (input) => input;
