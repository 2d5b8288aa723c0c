import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters from an alphabet: test secrets are made at run time, never committed. */
export function randomChars(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

export const fakeAccessKeyId = (): string => `LTAI${randomChars(20)}`;
export const fakeAccessKeySecret = (): string => randomChars(30);
export const fakeStsId = (): string => `STS.${randomChars(24)}`;

/** A PEM block shaped like a private key (random base64 body). */
export function fakePemKey(): string {
  const body = randomBytes(300).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${'RSA PRIVATE'} KEY-----\n${body}\n-----END ${'RSA PRIVATE'} KEY-----`;
}

export const fakeGithubToken = (): string => `ghp_${randomChars(36)}`;
export const fakeAwsKeyId = (): string => `AKIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
