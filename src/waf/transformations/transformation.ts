/**
 * A transformation is a pure function over a "binary string" (one char per byte, codes 0–255), the
 * engine's representation of request and response data (see docs/waf.md, "Byte semantics").
 */
export type Transformation = (input: string) => string;

/** Whitespace as ModSecurity's isspace() in the C locale, plus NBSP (0xA0) where ModSecurity adds it. */
export function isSpaceByte(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

export function isHexByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function hexValue(c: number): number {
  if (c <= 0x39) return c - 0x30;
  if (c <= 0x46) return c - 0x37;
  return c - 0x57;
}

/** Builds a binary string from byte values without per-char concatenation overhead. */
export function bytesToString(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.slice(i, i + 8192));
  return out;
}

/** The byte of a `\xHH` escape starting at `i` (the backslash), or -1 when there is none. */
export function hexEscapeAt(input: string, i: number): number {
  const d = input[i + 1];
  if ((d !== 'x' && d !== 'X') || i + 3 >= input.length) return -1;
  const a = input.charCodeAt(i + 2);
  const b = input.charCodeAt(i + 3);
  return isHexByte(a) && isHexByte(b) ? hexValue(a) * 16 + hexValue(b) : -1;
}

/**
 * An octal escape `\O`…`\OOO` starting at `i` (the backslash; the caller checked the first digit):
 * its byte and the index after it. `stopAbove255` ends the escape before a digit that would exceed
 * 0377 (JavaScript); otherwise three digits are read and the value is masked to a byte (C).
 */
export function octalEscapeAt(input: string, i: number, stopAbove255: boolean): { value: number; end: number } {
  let j = i + 1;
  let value = 0;
  while (j < input.length && j < i + 4 && input[j]! >= '0' && input[j]! <= '7') {
    const next = value * 8 + (input.charCodeAt(j) - 0x30);
    if (stopAbove255 && next > 0xff) break;
    value = next;
    j++;
  }
  return { value: value & 0xff, end: j };
}
