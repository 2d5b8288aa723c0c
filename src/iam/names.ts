import { z } from 'zod';

/** Field rules as Alibaba Cloud RAM documents them. */
export const userName = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'expected 1–64 characters of A–Z a–z 0–9 . _ -');
export const groupName = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'expected 1–64 characters of A–Z a–z 0–9 . _ -');
export const roleName = z.string().min(1).max(64).regex(/^[A-Za-z0-9.-]+$/, 'expected 1–64 characters of A–Z a–z 0–9 . -');
export const policyName = z.string().min(1).max(128).regex(/^[A-Za-z0-9-]+$/, 'expected 1–128 characters of A–Z a–z 0–9 -');
export const policyType = z.enum(['System', 'Custom']);
export const displayName = z.string().min(1).max(128);
export const comments = z.string().max(128);
export const description = z.string().max(1024);
export const email = z.string().max(128).regex(/^$|^[^\s@]+@[^\s@]+$/, 'expected an email address');
export const mobilePhone = z.string().max(32).regex(/^$|^(\d{1,4}-)?\d{4,20}$/, 'expected <country code>-<number>, e.g. 86-18600008888');
export const accessKeyId = z.string().min(1).max(64);
export const marker = z.string().max(512).optional();
export const maxItems = z.coerce.number().int().min(1).max(1000).default(100);
export const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A page of a list; `Marker` is opaque to clients. */
export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker: string;
}

export function encodeMarker(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}

export function decodeMarker(marker: string | undefined): string | undefined {
  if (!marker) return undefined;
  return Buffer.from(marker, 'base64url').toString('utf8');
}

/** Splits `limit + 1` fetched rows into a page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): Page<T> {
  const isTruncated = rows.length > limit;
  const items = isTruncated ? rows.slice(0, limit) : rows;
  return { items, isTruncated, marker: isTruncated && items.length > 0 ? encodeMarker(keyOf(items[items.length - 1]!)) : '' };
}
