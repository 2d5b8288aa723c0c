import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length; i++) {
    const b = bytes[i % bytes.length]!;
    // rejection sampling keeps the distribution uniform
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
    if (i > length * 8) return out + randomString(length - out.length, alphabet);
  }
  return out;
}

function digits(n: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < n) out += String(randomInt(0, 10));
  return out;
}

/** 16-digit account id, like Alibaba Cloud's. */
export const newAccountId = (): string => digits(16);
/** 16-digit principal id for users, groups and roles. */
export const newPrincipalId = (): string => digits(16);
/** `LTAI` + 20 alphanumerics, like Alibaba Cloud AccessKey ids. */
export const newAccessKeyId = (): string => `LTAI${randomString(20)}`;
/** 30 alphanumerics (~178 bits), like Alibaba Cloud AccessKey secrets. */
export const newAccessKeySecret = (): string => randomString(30);
export const newPolicyId = (): string => `p-${randomString(20).toLowerCase()}`;
