import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them for virtual MFA
 * devices: HMAC-SHA-1 over the 30-second time step, dynamic truncation (RFC 4226), 6 digits.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_SEED_BYTES = 20;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (the form authenticator apps accept). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored); undefined when malformed. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** A fresh random seed (160 bits, as RFC 4226 recommends), base32-encoded. */
export function newTotpSeed(): string {
  return base32Encode(randomBytes(TOTP_SEED_BYTES));
}

/** The HOTP value of one counter (RFC 4226 §5.3). */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step containing `unixMs`. */
export function timeStep(unixMs: number, step = TOTP_STEP_SECONDS): number {
  return Math.floor(unixMs / 1000 / step);
}

/** The TOTP code at a time (RFC 6238). */
export function totp(key: Buffer, unixMs: number, options: { digits?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {}): string {
  return hotp(key, timeStep(unixMs), options.digits ?? TOTP_DIGITS, options.algorithm ?? 'sha1');
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks two consecutive codes, as BindMFADevice requires: `code1` at step t and `code2` at t+1, for
 * a t within `window` steps of now (clock drift and the time it takes to read two codes).
 * Returns the matched step of `code2`, or undefined.
 */
export function verifyConsecutiveCodes(key: Buffer, code1: string, code2: string, unixMs: number, window = 2): number | undefined {
  if (!/^\d{6}$/.test(code1) || !/^\d{6}$/.test(code2)) return undefined;
  const current = timeStep(unixMs);
  let matched: number | undefined;
  // every candidate is checked so the time taken does not depend on which step matched
  for (let t = current - window; t <= current + window - 1; t++) {
    const ok = sameCode(hotp(key, t), code1) && sameCode(hotp(key, t + 1), code2);
    if (ok && matched === undefined) matched = t + 1;
  }
  return matched;
}

/** The provisioning URI authenticator apps scan (Google Authenticator key-uri format). */
export function otpauthUri(label: string, issuer: string, seedBase32: string): string {
  const enc = encodeURIComponent;
  return `otpauth://totp/${enc(issuer)}:${enc(label)}?secret=${seedBase32}&issuer=${enc(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_SECONDS}`;
}
