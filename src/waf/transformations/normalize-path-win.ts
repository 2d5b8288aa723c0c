import { normalizePath } from './normalize-path.js';
import type { Transformation } from './transformation.js';

/** `t:normalizePathWin`: backslashes become slashes, then normalizePath. */
export const normalizePathWin: Transformation = (input) => normalizePath(input.replace(/\\/g, '/'));
