import { BulwarkError } from '../../core/errors.js';
import type { OperatorFactory } from './operator.js';

/** `@validateByteRange`: matches when the value holds a byte outside the allowed list (`1-255`, `9,10,32-126`). */
export const validateByteRange: OperatorFactory = ({ param }) => {
  const allowed = new Uint8Array(256);
  for (const part of param.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(p);
    if (!m) throw new BulwarkError('Waf.InvalidRule', { where: '@validateByteRange', reason: `invalid range "${p}"` });
    const from = parseInt(m[1] as string, 10);
    const to = m[2] === undefined ? from : parseInt(m[2], 10);
    if (from > 255 || to > 255 || from > to) throw new BulwarkError('Waf.InvalidRule', { where: '@validateByteRange', reason: `invalid range "${p}"` });
    for (let b = from; b <= to; b++) allowed[b] = 1;
  }
  return (input, out) => {
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i) & 0xff;
      if (allowed[c] !== 1) {
        out.matched = input[i];
        return true;
      }
    }
    return false;
  };
};
