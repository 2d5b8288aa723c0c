import { constants, createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rsaSignDigest, rsaVerifyDigest } from './rsa-digest.js';

describe('RSA signatures over a precomputed SHA-256 digest', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const message = Buffer.from('sign me');
  const digest = createHash('sha256').update(message).digest();

  it('PKCS#1 v1.5 interoperates with node:crypto in both directions', () => {
    const ours = rsaSignDigest('RSA_PKCS1_SHA_256', privateKey, digest);
    expect(verify('sha256', message, publicKey, ours)).toBe(true);
    expect(rsaVerifyDigest('RSA_PKCS1_SHA_256', publicKey, digest, sign('sha256', message, privateKey))).toBe(true);
    expect(rsaVerifyDigest('RSA_PKCS1_SHA_256', publicKey, createHash('sha256').update('x').digest(), ours)).toBe(false);
  });

  it('PSS (salt 32) interoperates with node:crypto in both directions', () => {
    const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    const ours = rsaSignDigest('RSA_PSS_SHA_256', privateKey, digest);
    expect(verify('sha256', message, { key: publicKey, ...pss }, ours)).toBe(true);
    expect(rsaVerifyDigest('RSA_PSS_SHA_256', publicKey, digest, sign('sha256', message, { key: privateKey, ...pss }))).toBe(true);
    const bad = Buffer.from(ours);
    bad[10]! ^= 1;
    expect(rsaVerifyDigest('RSA_PSS_SHA_256', publicKey, digest, bad)).toBe(false);
  });
});
