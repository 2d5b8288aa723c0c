import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './percent.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=…`; undefined when malformed. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const m = /^(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(header.trim());
  if (!m) return undefined;
  const fields: Record<string, string> = {};
  for (const part of m[2]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const { Credential: accessKeyId, SignedHeaders: signed, Signature: signature } = fields;
  if (!accessKeyId || signed === undefined || !signature) return undefined;
  return { algorithm: m[1]!, accessKeyId, signedHeaders: signed.split(';').filter(Boolean).map((h) => h.toLowerCase()), signature };
}

export interface V3Request {
  method: string;
  /** Path without query, as sent (decoded form is re-encoded per segment). */
  path: string;
  /** Decoded query parameters. */
  query: Readonly<Record<string, string>>;
  /** Lower-cased header names; repeated headers joined with ','. */
  headers: Readonly<Record<string, string | undefined>>;
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body (from `x-acs-content-sha256`, already checked against the body). */
  payloadHash: string;
}

function canonicalUri(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        /* keep as sent */
      }
      return percentEncode(decoded);
    })
    .join('/') || '/';
}

/** The canonical request of V3, built from decoded values so `*()` sent unencoded still verify. */
export function canonicalRequestV3(req: V3Request): string {
  const query = Object.keys(req.query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(req.query[k]!)}`)
    .join('&');
  const names = [...req.signedHeaders].sort();
  const headers = names.map((h) => `${h}:${(req.headers[h] ?? '').trim()}\n`).join('');
  return `${req.method.toUpperCase()}\n${canonicalUri(req.path)}\n${query}\n${headers}\n${names.join(';')}\n${req.payloadHash}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hex HMAC-SHA256 over `ACS3-HMAC-SHA256\n<hex sha256(canonical request)>`. */
export function signV3(req: V3Request, secret: string): string {
  const stringToSign = `${V3_ALGORITHM}\n${sha256Hex(canonicalRequestV3(req))}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}
