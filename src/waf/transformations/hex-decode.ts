import type { Transformation } from './transformation.js';

/** `t:hexDecode`: pairs of hex digits to bytes; stops at the first non-hex pair. */
export const hexDecode: Transformation = (input) => {
  const m = /^(?:[0-9a-fA-F]{2})*/.exec(input);
  return Buffer.from(m ? m[0] : '', 'hex').toString('latin1');
};
