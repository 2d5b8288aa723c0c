import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signDigest, verifyDigest } from './ec-digest.js';

describe('ECDSA over a precomputed digest', () => {
  for (const curve of ['prime256v1', 'secp256k1']) {
    it(`${curve}: our signature verifies with node:crypto over the message, and node's with ours`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const message = Buffer.from('the quick brown fox');
      const digest = createHash('sha256').update(message).digest();
      const ours = signDigest(curve, privateKey, digest);
      expect(verify('sha256', message, publicKey, ours)).toBe(true);
      expect(verifyDigest(curve, publicKey, digest, sign('sha256', message, privateKey))).toBe(true);
      expect(verifyDigest(curve, publicKey, createHash('sha256').update('other').digest(), ours)).toBe(false);
      const bad = Buffer.from(ours);
      bad[bad.length - 1]! ^= 1;
      expect(verifyDigest(curve, publicKey, digest, bad)).toBe(false);
    });
  }

  it('SM2: sign and verify over an SM3 digest, tampering detected', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const digest = createHash('sm3').update('message').digest();
    const sig = signDigest('SM2', privateKey, digest);
    expect(verifyDigest('SM2', publicKey, digest, sig)).toBe(true);
    expect(verifyDigest('SM2', publicKey, createHash('sm3').update('x').digest(), sig)).toBe(false);
  });
});
