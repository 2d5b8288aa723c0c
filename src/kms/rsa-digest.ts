import { constants, createHash, privateEncrypt, publicDecrypt, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * RSA signatures over a caller-supplied SHA-256 digest (AsymmetricSign takes `Digest`). PKCS#1 v1.5
 * pads the DigestInfo; PSS (MGF1-SHA-256, 32-byte salt) is encoded here and applied with the raw RSA
 * operation — node:crypto's sign() only accepts messages.
 */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function mgf1(seed: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < length; i++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(i);
    out.push(createHash('sha256').update(seed).update(c).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

function modulusBits(key: KeyObject): number {
  return key.asymmetricKeyDetails!.modulusLength!;
}

function pssEncode(digest: Buffer, emBits: number): Buffer {
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(32);
  const H = createHash('sha256').update(Buffer.alloc(8)).update(digest).update(salt).digest();
  const DB = Buffer.concat([Buffer.alloc(emLen - 32 - 32 - 2), Buffer.from([1]), salt]);
  const masked = mgf1(H, emLen - 33);
  for (let i = 0; i < DB.length; i++) DB[i]! ^= masked[i]!;
  DB[0]! &= 0xff >> (8 * emLen - emBits);
  return Buffer.concat([DB, H, Buffer.from([0xbc])]);
}

function pssVerify(digest: Buffer, em: Buffer, emBits: number): boolean {
  const emLen = Math.ceil(emBits / 8);
  if (em.length !== emLen || em[emLen - 1] !== 0xbc) return false;
  const DB = Buffer.from(em.subarray(0, emLen - 33));
  const H = em.subarray(emLen - 33, emLen - 1);
  if ((DB[0]! & ~(0xff >> (8 * emLen - emBits)) & 0xff) !== 0) return false;
  const mask = mgf1(H, DB.length);
  for (let i = 0; i < DB.length; i++) DB[i]! ^= mask[i]!;
  DB[0]! &= 0xff >> (8 * emLen - emBits);
  const ps = DB.length - 32 - 1;
  for (let i = 0; i < ps; i++) if (DB[i] !== 0) return false;
  if (DB[ps] !== 1) return false;
  const salt = DB.subarray(ps + 1);
  const H2 = createHash('sha256').update(Buffer.alloc(8)).update(digest).update(salt).digest();
  return timingSafeEqual(H, H2);
}

/** The big-endian integer `em` left-padded to the modulus length, for raw RSA. */
function leftPad(em: Buffer, bytes: number): Buffer {
  return em.length >= bytes ? em : Buffer.concat([Buffer.alloc(bytes - em.length), em]);
}

export function rsaSignDigest(algorithm: 'RSA_PSS_SHA_256' | 'RSA_PKCS1_SHA_256', privateKey: KeyObject, digest: Buffer): Buffer {
  if (algorithm === 'RSA_PKCS1_SHA_256') return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
  const bits = modulusBits(privateKey);
  return privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, leftPad(pssEncode(digest, bits - 1), Math.ceil(bits / 8)));
}

export function rsaVerifyDigest(algorithm: 'RSA_PSS_SHA_256' | 'RSA_PKCS1_SHA_256', publicKey: KeyObject, digest: Buffer, signature: Buffer): boolean {
  const bits = modulusBits(publicKey);
  if (signature.length !== Math.ceil(bits / 8)) return false;
  try {
    if (algorithm === 'RSA_PKCS1_SHA_256') {
      const expected = Buffer.concat([SHA256_DIGEST_INFO, digest]);
      const got = publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
      return got.length === expected.length && timingSafeEqual(got, expected);
    }
    const raw = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
    const emLen = Math.ceil((bits - 1) / 8);
    if (raw.length > emLen && raw.subarray(0, raw.length - emLen).some((b) => b !== 0)) return false;
    return pssVerify(digest, raw.subarray(raw.length - emLen), bits - 1);
  } catch {
    return false;
  }
}
