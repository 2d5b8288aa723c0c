import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Origin protection: the gateway signs every forwarded request so the origin can refuse traffic
 * that did not come through it. Header value: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `v1\n<t>\n<METHOD>\n<host>\n<path?query>\n<request id>` with the site's secret.
 */
export function canonicalString(t: number, method: string, host: string, pathAndQuery: string, requestId: string): string {
  return `v1\n${t}\n${method.toUpperCase()}\n${host.toLowerCase()}\n${pathAndQuery}\n${requestId}`;
}

export function signOriginRequest(secret: string, t: number, method: string, host: string, pathAndQuery: string, requestId: string): string {
  const mac = createHmac('sha256', secret).update(canonicalString(t, method, host, pathAndQuery, requestId)).digest('hex');
  return `t=${t},v1=${mac}`;
}

export interface VerifyInput {
  secret: string;
  header: string | undefined;
  method: string;
  host: string;
  pathAndQuery: string;
  requestId: string;
  /** Accepted clock difference in seconds (default 300). */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/** What an origin runs (in any language; this is the reference): constant-time, with a freshness window. */
export function verifyOriginSignature(input: VerifyInput): boolean {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(input.header ?? '');
  if (!m) return false;
  const t = Number(m[1]);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (input.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', input.secret).update(canonicalString(t, input.method, input.host, input.pathAndQuery, input.requestId)).digest();
  const given = Buffer.from(m[2] as string, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
