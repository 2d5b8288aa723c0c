/**
 * Redaction of secrets before anything is logged or stored in the audit trail.
 * Keys are compared case-insensitively with separators removed, so `AccessKeySecret`,
 * `access_key_secret` and `accessKeySecret` are all caught.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'accesskeysecret',
  'secretaccesskey',
  'plaintext',
  'password',
  'newpassword',
  'oldpassword',
  'securitytoken',
  'xacssecuritytoken',
  'privatekey',
  'secretdata',
  'secret',
  'token',
  'authenticationcode1',
  'authenticationcode2',
  'totpsecret',
  'base32stringseed',
  'qrcodepng',
  // KMS key material import: wrapped material and the token holding its (wrapped) unwrapping key
  'encryptedkeymaterial',
  'importtoken',
]);

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(normalizeKey(key));
}

/** Removes PEM private key blocks from free text. */
export function redactText(text: string): string {
  return text.includes('PRIVATE KEY-----') ? text.replace(PEM_PRIVATE_KEY, REDACTED) : text;
}

/** Removes secret query parameters from a URL or path, keeping the rest readable. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    let key = rawKey;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    } catch {
      /* keep the raw key */
    }
    return eq >= 0 && isSecretKey(key) ? `${rawKey}=${encodeURIComponent(REDACTED)}` : pair;
  });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** Deep copy of a JSON-like value with secret-named fields and private keys removed. */
export function redact<T>(value: T, depth = 0): T {
  if (depth > 32) return REDACTED as T;
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1)) as T;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined } as T;
  }
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]` as T;
  // Only plain data is walked; class instances (sockets, requests) are left to their serializers.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) && v !== undefined && v !== null && v !== '' ? REDACTED : redact(v, depth + 1);
  }
  return out as T;
}
