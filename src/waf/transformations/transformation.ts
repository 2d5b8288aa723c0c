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
