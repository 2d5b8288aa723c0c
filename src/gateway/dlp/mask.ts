import type { KeepRule } from './detectors/detector.js';

/** The masking character; ASCII so that masks have the same byte length in every ASCII-compatible charset. */
export const MASK_CHAR = '*';

/**
 * Masks the characters of `value` selected by `maskable` (digits of a card number, letters of an
 * e-mail local part…) except the first `keep.prefix` and last `keep.suffix` of them; everything else
 * (separators) is kept, so the result has the same length. At least a third of the maskable
 * characters (and at least one) is always masked, whatever the keep rule says: the suffix shrinks
 * first, then the prefix.
 */
export function maskSelected(value: string, keep: KeepRule, maskable: (code: number) => boolean, from = 0, to = value.length): string {
  let total = 0;
  for (let i = from; i < to; i++) if (maskable(value.charCodeAt(i))) total++;
  if (total === 0) return value;
  const mustMask = Math.max(1, Math.ceil(total / 3));
  let prefix = Math.max(0, keep.prefix);
  let suffix = Math.max(0, keep.suffix);
  const excess = prefix + suffix + mustMask - total;
  if (excess > 0) {
    const cut = Math.min(suffix, excess);
    suffix -= cut;
    prefix = Math.max(0, prefix - (excess - cut));
  }
  let out = value.slice(0, from);
  let index = 0;
  for (let i = from; i < to; i++) {
    const code = value.charCodeAt(i);
    if (maskable(code)) {
      out += index >= prefix && index < total - suffix ? MASK_CHAR : value[i];
      index++;
    } else {
      out += value[i];
    }
  }
  return out + value.slice(to);
}

/** Replaces every non-whitespace character with the mask character (stack frames, SQL errors, key bodies). */
export function maskAllButSpace(value: string): string {
  return value.replace(/\S/g, MASK_CHAR);
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
