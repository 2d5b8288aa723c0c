import type { Transformation } from './transformation.js';

/** `t:compressWhitespace`: each run of whitespace (incl. NBSP 0xA0) becomes one space. */
export const compressWhitespace: Transformation = (input) => input.replace(/[ \t\n\v\f\r\xa0]+/g, ' ');
