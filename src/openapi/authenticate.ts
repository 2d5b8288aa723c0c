import { createHash, timingSafeEqual } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import type { CredentialStore, ResolvedKey } from '../iam/credentials.js';
import type { NonceCache } from './nonce-cache.js';
import { signV1 } from './signature-v1.js';
import { parseV3Authorization, sha256Hex, signV3, V3_ALGORITHM } from './signature-v3.js';

/** Allowed difference between the request time and the server clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface SignedRequest {
  method: string;
  path: string;
  /** decoded query parameters */
  query: Readonly<Record<string, string>>;
  /** decoded form-body parameters (V1 POST) */
  form: Readonly<Record<string, string>>;
  /** lower-cased headers */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

export interface Authenticated {
  key: ResolvedKey;
  signatureVersion: 'V1' | 'V3';
}

export interface AuthenticateDeps {
  credentials: CredentialStore;
  nonces: NonceCache;
  now(): number;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** STS keys must come with their token; expiry and revocation are checked after the signature. */
function checkSecurityToken(key: ResolvedKey, token: string | undefined, nowMs: number): void {
  if (!key.sts) return;
  if (!token) throw new BulwarkError('MissingSecurityToken');
  if (!safeEqual(createHash('sha256').update(token).digest('hex'), key.sts.tokenHash)) throw new BulwarkError('InvalidSecurityToken.MismatchWithAccessKey');
  if (Date.parse(key.sts.expiresAt) <= nowMs) throw new BulwarkError('InvalidSecurityToken.Expired');
  if (!key.sts.valid) throw new BulwarkError('InvalidSecurityToken.Malformed');
}

function checkTime(value: string | undefined, field: string, nowMs: number): void {
  if (!value) throw new BulwarkError('IncompleteSignature', { reason: `${field} is missing` });
  if (!ISO_UTC.test(value)) throw new BulwarkError('InvalidTimeStamp.Format');
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new BulwarkError('InvalidTimeStamp.Format');
  if (Math.abs(nowMs - t) > MAX_SKEW_MS) throw new BulwarkError('InvalidTimeStamp.Expired');
}

/** Thrown errors carry the resolved key (when known) so the failure is audited in its account. */
export class AuthenticationError extends Error {
  constructor(
    readonly error: BulwarkError,
    readonly key: ResolvedKey | undefined,
  ) {
    super(error.message);
  }
}

async function resolveKey(deps: AuthenticateDeps, accessKeyId: string): Promise<ResolvedKey> {
  const key = await deps.credentials.resolve(accessKeyId);
  if (!key) throw new AuthenticationError(new BulwarkError('InvalidAccessKeyId.NotFound'), undefined);
  return key;
}

function fail(key: ResolvedKey, error: BulwarkError): never {
  throw new AuthenticationError(error, key);
}

async function verifyV1(req: SignedRequest, deps: AuthenticateDeps): Promise<Authenticated> {
  const params = { ...req.query, ...req.form };
  const { AccessKeyId, Signature, SignatureMethod, SignatureNonce, Timestamp } = params;
  if (!AccessKeyId || !Signature) throw new AuthenticationError(new BulwarkError('IncompleteSignature', { reason: 'AccessKeyId and Signature are required' }), undefined);
  const key = await resolveKey(deps, AccessKeyId);
  try {
    if (SignatureMethod !== undefined && SignatureMethod !== 'HMAC-SHA1') throw new BulwarkError('UnsupportedSignatureMethod', { method: SignatureMethod });
    if (!SignatureNonce) throw new BulwarkError('IncompleteSignature', { reason: 'SignatureNonce is missing' });
    checkTime(Timestamp, 'Timestamp', deps.now());
    if (!safeEqual(signV1(req.method, params, key.secret), Signature)) throw new BulwarkError('SignatureDoesNotMatch');
    checkSecurityToken(key, params.SecurityToken, deps.now());
    if (key.status !== 'Active') throw new BulwarkError('InvalidAccessKeyId.Inactive');
    if (!deps.nonces.claim(key.accessKeyId, SignatureNonce, deps.now())) throw new BulwarkError('SignatureNonceUsed');
  } catch (e) {
    if (e instanceof BulwarkError) fail(key, e);
    throw e;
  }
  return { key, signatureVersion: 'V1' };
}

async function verifyV3(req: SignedRequest, authorization: string, deps: AuthenticateDeps): Promise<Authenticated> {
  const auth = parseV3Authorization(authorization);
  if (!auth) throw new AuthenticationError(new BulwarkError('IncompleteSignature', { reason: 'the Authorization header is malformed' }), undefined);
  const key = await resolveKey(deps, auth.accessKeyId);
  try {
    if (auth.algorithm !== V3_ALGORITHM) throw new BulwarkError('UnsupportedSignatureMethod', { method: auth.algorithm });
    const nonce = req.headers['x-acs-signature-nonce'];
    if (!nonce) throw new BulwarkError('IncompleteSignature', { reason: 'x-acs-signature-nonce is missing' });
    checkTime(req.headers['x-acs-date'], 'x-acs-date', deps.now());
    for (const required of ['host', 'x-acs-date']) {
      if (!auth.signedHeaders.includes(required)) throw new BulwarkError('IncompleteSignature', { reason: `SignedHeaders must include ${required}` });
    }
    for (const h of auth.signedHeaders) if (req.headers[h] === undefined) throw new BulwarkError('IncompleteSignature', { reason: `signed header ${h} is missing` });
    const claimed = req.headers['x-acs-content-sha256'];
    const actual = sha256Hex(req.body);
    if (claimed !== undefined && claimed !== actual) throw new BulwarkError('SignatureDoesNotMatch');
    const expected = signV3({ method: req.method, path: req.path, query: req.query, headers: req.headers, signedHeaders: auth.signedHeaders, payloadHash: claimed ?? actual }, key.secret);
    if (!safeEqual(expected, auth.signature)) throw new BulwarkError('SignatureDoesNotMatch');
    checkSecurityToken(key, req.headers['x-acs-security-token'], deps.now());
    if (key.status !== 'Active') throw new BulwarkError('InvalidAccessKeyId.Inactive');
    if (!deps.nonces.claim(key.accessKeyId, nonce, deps.now())) throw new BulwarkError('SignatureNonceUsed');
  } catch (e) {
    if (e instanceof BulwarkError) fail(key, e);
    throw e;
  }
  return { key, signatureVersion: 'V3' };
}

/** Verifies a V1 (query/form) or V3 (`Authorization: ACS3-…`) signed request. */
export function authenticate(req: SignedRequest, deps: AuthenticateDeps): Promise<Authenticated> {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('ACS3-')) return verifyV3(req, authorization, deps);
  return verifyV1(req, deps);
}
