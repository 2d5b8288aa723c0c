import { createHash } from 'node:crypto';
import type { Transformation } from './transformation.js';

/** `t:sha1`: the raw 20-byte SHA-1 digest (combine with t:hexEncode to print it). */
export const sha1: Transformation = (input) => createHash('sha1').update(Buffer.from(input, 'latin1')).digest().toString('latin1');
