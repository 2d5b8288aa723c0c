import { createHmac } from 'node:crypto';
import { percentEncode } from './percent.js';

/** Alibaba RPC signature V1: sorted, percent-encoded `k=v` pairs joined with `&` (Signature excluded). */
export function canonicalizeV1(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

/** `StringToSign = METHOD & %2F & pct(canonical)`; HMAC-SHA1 keyed with `secret + "&"`, base64. */
export function signV1(method: string, params: Readonly<Record<string, string>>, secret: string): string {
  const stringToSign = `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalizeV1(params))}`;
  return hmacSha1Base64(`${secret}&`, stringToSign);
}

export function hmacSha1Base64(key: string, text: string): string {
  return createHmac('sha1', key).update(text, 'utf8').digest('base64');
}
