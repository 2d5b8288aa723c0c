import type { Transformation } from './transformation.js';

/** `t:removeWhitespace`: deletes all whitespace (incl. NBSP 0xA0). */
export const removeWhitespace: Transformation = (input) => input.replace(/[ \t\n\v\f\r\xa0]+/g, '');
