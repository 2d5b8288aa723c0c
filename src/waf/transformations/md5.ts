import { createHash } from 'node:crypto';
import type { Transformation } from './transformation.js';

/** `t:md5`: the raw 16-byte MD5 digest (combine with t:hexEncode to print it). */
export const md5: Transformation = (input) => createHash('md5').update(Buffer.from(input, 'latin1')).digest().toString('latin1');
