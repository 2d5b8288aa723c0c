import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { BulwarkError } from '../core/errors.js';

export type KeyUsage = 'ENCRYPT/DECRYPT' | 'SIGN/VERIFY';

/** A key spec: its family, default usage, allowed usages, and how fresh material is made. */
export interface KeySpecInfo {
  name: string;
  kind: 'symmetric' | 'rsa' | 'ec';
  usages: readonly KeyUsage[];
  /** symmetric key length in bytes */
  bytes?: number;
  /** node:crypto curve name (EC) or modulus length (RSA) */
  curve?: string;
  modulusLength?: number;
}

export const KEY_SPECS: Readonly<Record<string, KeySpecInfo>> = {
  Aliyun_AES_256: { name: 'Aliyun_AES_256', kind: 'symmetric', usages: ['ENCRYPT/DECRYPT'], bytes: 32 },
  Aliyun_AES_192: { name: 'Aliyun_AES_192', kind: 'symmetric', usages: ['ENCRYPT/DECRYPT'], bytes: 24 },
  Aliyun_AES_128: { name: 'Aliyun_AES_128', kind: 'symmetric', usages: ['ENCRYPT/DECRYPT'], bytes: 16 },
  Aliyun_SM4: { name: 'Aliyun_SM4', kind: 'symmetric', usages: ['ENCRYPT/DECRYPT'], bytes: 16 },
  RSA_2048: { name: 'RSA_2048', kind: 'rsa', usages: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'], modulusLength: 2048 },
  RSA_3072: { name: 'RSA_3072', kind: 'rsa', usages: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'], modulusLength: 3072 },
  EC_P256: { name: 'EC_P256', kind: 'ec', usages: ['SIGN/VERIFY'], curve: 'prime256v1' },
  EC_P256K: { name: 'EC_P256K', kind: 'ec', usages: ['SIGN/VERIFY'], curve: 'secp256k1' },
  EC_SM2: { name: 'EC_SM2', kind: 'ec', usages: ['SIGN/VERIFY'], curve: 'SM2' },
};

export function keySpec(name: string): KeySpecInfo {
  const spec = KEY_SPECS[name];
  if (!spec) throw new BulwarkError('InvalidParameter.KeySpec', { keySpec: name, reason: '' });
  return spec;
}

const generatePair = promisify(generateKeyPair) as (type: 'rsa' | 'ec', options: { modulusLength?: number; publicExponent?: number; namedCurve?: string }) => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;

/** Fresh key material: raw bytes (symmetric) or a PKCS#8 DER private key plus its SPKI PEM public key (generated off the event loop). */
export async function generateMaterial(spec: KeySpecInfo): Promise<{ material: Buffer; publicKey: string | null }> {
  if (spec.kind === 'symmetric') return { material: randomBytes(spec.bytes!), publicKey: null };
  const pair = spec.kind === 'rsa' ? await generatePair('rsa', { modulusLength: spec.modulusLength!, publicExponent: 0x10001 }) : await generatePair('ec', { namedCurve: spec.curve! });
  return {
    material: pair.privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicKey: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}
