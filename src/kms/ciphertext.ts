import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual, type CipherGCM, type DecipherGCM } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';

/**
 * The KMS ciphertext blob (docs/kms-format.md), base64 of:
 *
 *   magic "BWKC" (4) · format version 0x01 (1) · algorithm (1) · key id length (1) · key id (ASCII)
 *   · key version id length (1) · key version id (ASCII) · nonce (12, or 16 for SM4) · tag (16) · ciphertext
 *
 * Everything before the nonce is the header. The AEAD's associated data is the header followed by the
 * canonical EncryptionContext, so the key id, version and context are all authenticated.
 */
export const MAGIC = Buffer.from('BWKC', 'ascii');
export const FORMAT_VERSION = 1;

export const ALGORITHMS = {
  1: { name: 'AES-256-GCM', cipher: 'aes-256-gcm', keyBytes: 32, nonceBytes: 12 },
  2: { name: 'AES-192-GCM', cipher: 'aes-192-gcm', keyBytes: 24, nonceBytes: 12 },
  3: { name: 'AES-128-GCM', cipher: 'aes-128-gcm', keyBytes: 16, nonceBytes: 12 },
  4: { name: 'SM4-CTR+HMAC-SM3', cipher: 'sm4-ctr', keyBytes: 16, nonceBytes: 16 },
} as const;
export type AlgorithmId = keyof typeof ALGORITHMS;

export function algorithmForKeySpec(keySpec: string): AlgorithmId {
  switch (keySpec) {
    case 'Aliyun_AES_256':
      return 1;
    case 'Aliyun_AES_192':
      return 2;
    case 'Aliyun_AES_128':
      return 3;
    case 'Aliyun_SM4':
      return 4;
    default:
      throw new BulwarkError('Rejected.IncorrectKeySpec', { operation: 'symmetric encryption', keySpec });
  }
}

export interface BlobHeader {
  algorithm: AlgorithmId;
  keyId: string;
  keyVersionId: string;
  /** the raw header bytes (authenticated) */
  raw: Buffer;
}

const TAG_BYTES = 16;

function invalid(reason: string): BulwarkError {
  return new BulwarkError('InvalidCiphertext', { reason });
}

export function encodeHeader(algorithm: AlgorithmId, keyId: string, keyVersionId: string): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  const ver = Buffer.from(keyVersionId, 'ascii');
  if (id.length > 255 || ver.length > 255) throw new BulwarkError('InvalidParameter', { field: 'KeyId', reason: 'too long' });
  return Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, algorithm, id.length]), id, Buffer.from([ver.length]), ver]);
}

/** Parses the header of a base64 blob (no key needed) — used to route Decrypt and to authorize it. */
export function parseBlob(blob: string): { header: BlobHeader; nonce: Buffer; tag: Buffer; body: Buffer } {
  if (!/^[A-Za-z0-9+/=_-]*$/.test(blob)) throw invalid('not base64');
  const raw = Buffer.from(blob, 'base64');
  if (raw.length < 8 || !raw.subarray(0, 4).equals(MAGIC)) throw invalid('not a Bulwark KMS ciphertext');
  if (raw[4] !== FORMAT_VERSION) throw invalid(`unsupported format version ${raw[4]}`);
  const algorithm = raw[5] as AlgorithmId;
  const alg = ALGORITHMS[algorithm];
  if (!alg) throw invalid(`unknown algorithm ${raw[5]}`);
  let at = 6;
  const idLen = raw[at++]!;
  const keyId = raw.subarray(at, at + idLen).toString('ascii');
  at += idLen;
  const verLen = raw[at++];
  if (verLen === undefined) throw invalid('truncated header');
  const keyVersionId = raw.subarray(at, at + verLen).toString('ascii');
  at += verLen;
  if (raw.length < at + alg.nonceBytes + TAG_BYTES || !keyId || !keyVersionId) throw invalid('truncated');
  const header = { algorithm, keyId, keyVersionId, raw: raw.subarray(0, at) };
  const nonce = raw.subarray(at, at + alg.nonceBytes);
  const tag = raw.subarray(at + alg.nonceBytes, at + alg.nonceBytes + TAG_BYTES);
  return { header, nonce, tag, body: raw.subarray(at + alg.nonceBytes + TAG_BYTES) };
}

function sm4Keys(key: Buffer): { enc: Buffer; mac: Buffer } {
  const okm = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'bulwark-kms sm4-ctr+hmac-sm3', 48));
  return { enc: okm.subarray(0, 16), mac: okm.subarray(16) };
}

function sm4Tag(mac: Buffer, aad: Buffer, nonce: Buffer, body: Buffer): Buffer {
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(aad.length));
  return createHmac('sm3', mac).update(len).update(aad).update(nonce).update(body).digest().subarray(0, TAG_BYTES);
}

/** Encrypts under `key` and returns the base64 blob. */
export function sealBlob(algorithm: AlgorithmId, key: Buffer, keyId: string, keyVersionId: string, plaintext: Buffer, context: Buffer): string {
  const alg = ALGORITHMS[algorithm];
  if (key.length !== alg.keyBytes) throw new BulwarkError('InternalError');
  const header = encodeHeader(algorithm, keyId, keyVersionId);
  const aad = Buffer.concat([header, context]);
  const nonce = randomBytes(alg.nonceBytes);
  let body: Buffer;
  let tag: Buffer;
  if (algorithm === 4) {
    const { enc, mac } = sm4Keys(key);
    const cipher = createCipheriv('sm4-ctr', enc, nonce);
    body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    tag = sm4Tag(mac, aad, nonce, body);
  } else {
    const cipher = createCipheriv(alg.cipher, key, nonce) as CipherGCM;
    cipher.setAAD(aad);
    body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    tag = cipher.getAuthTag();
  }
  return Buffer.concat([header, nonce, tag, body]).toString('base64');
}

/** Decrypts a parsed blob; any modification of header, context, nonce, tag or body fails. */
export function openBlob(parsed: ReturnType<typeof parseBlob>, key: Buffer, context: Buffer): Buffer {
  const { header, nonce, tag, body } = parsed;
  const aad = Buffer.concat([header.raw, context]);
  if (header.algorithm === 4) {
    const { enc, mac } = sm4Keys(key);
    if (!timingSafeEqual(sm4Tag(mac, aad, nonce, body), tag)) throw invalid('authentication failed (modified ciphertext or different EncryptionContext)');
    const decipher = createDecipheriv('sm4-ctr', enc, nonce);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }
  const decipher = createDecipheriv(ALGORITHMS[header.algorithm].cipher, key, nonce) as DecipherGCM;
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw invalid('authentication failed (modified ciphertext or different EncryptionContext)');
  }
}
