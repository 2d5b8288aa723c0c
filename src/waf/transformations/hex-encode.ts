import type { Transformation } from './transformation.js';

/** `t:hexEncode`: each byte as two lower-case hex digits. */
export const hexEncode: Transformation = (input) => Buffer.from(input, 'latin1').toString('hex');
