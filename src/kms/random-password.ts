import { randomInt } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';

export const DEFAULT_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export interface RandomPasswordOptions {
  length?: number | undefined;
  excludeLowercase?: boolean | undefined;
  excludeUppercase?: boolean | undefined;
  excludeNumbers?: boolean | undefined;
  excludePunctuation?: boolean | undefined;
  excludeCharacters?: string | undefined;
  requireEachIncludedType?: boolean | undefined;
}

/** GetRandomPassword: uniform choice (crypto randomInt) from the included classes; 8–128 characters, default 32. */
export function randomPassword(options: RandomPasswordOptions): string {
  const length = options.length ?? 32;
  if (!Number.isInteger(length) || length < 8 || length > 128) throw new BulwarkError('InvalidParameter', { field: 'PasswordLength', reason: 'must be 8 to 128' });
  const exclude = new Set(options.excludeCharacters ?? '');
  const classes = [
    options.excludeLowercase ? '' : 'abcdefghijklmnopqrstuvwxyz',
    options.excludeUppercase ? '' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    options.excludeNumbers ? '' : '0123456789',
    options.excludePunctuation ? '' : DEFAULT_PUNCTUATION,
  ]
    .map((c) => [...c].filter((ch) => !exclude.has(ch)).join(''))
    .filter((c) => c.length > 0);
  if (classes.length === 0) throw new BulwarkError('InvalidParameter', { field: 'ExcludeCharacters', reason: 'no characters left to choose from' });
  const all = classes.join('');
  const requireEach = options.requireEachIncludedType !== false;
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += all[randomInt(all.length)]!;
    if (!requireEach || classes.every((c) => [...out].some((ch) => c.includes(ch)))) return out;
  }
}
