import type { Transformation } from './transformation.js';

/** `t:base64DecodeExt`: forgiving base64 (also URL-safe); characters outside the alphabet are skipped. */
export const base64DecodeExt: Transformation = (input) => {
  const cleaned = input.replace(/[^A-Za-z0-9+/_-]/g, '').replace(/-/g, '+').replace(/_/g, '/');
  return Buffer.from(cleaned, 'base64').toString('latin1');
};
