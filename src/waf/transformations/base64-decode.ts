import type { Transformation } from './transformation.js';

/** `t:base64Decode`: decodes standard base64 up to the first invalid character. */
export const base64Decode: Transformation = (input) => {
  const m = /^[A-Za-z0-9+/]*={0,2}/.exec(input.trim());
  const valid = m ? m[0] : '';
  return Buffer.from(valid, 'base64').toString('latin1');
};
