import type { Transformation } from './transformation.js';

/** `t:removeCommentsChar`: deletes the comment markers `/*`, `*\/`, `--`, `#`, `<!--`, `-->`. */
export const removeCommentsChar: Transformation = (input) => input.replace(/<!--|-->|\/\*|\*\/|--|#/g, '');
