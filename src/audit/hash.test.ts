import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH } from './hash.js';

/** The first implementation (entries, filter, sort, map): stored chains were hashed with it. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => reference(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

const samples: unknown[] = [
  null,
  undefined,
  0,
  -1.5e-7,
  'plain',
  'quote " backslash \\ newline \n tab \t \u0001 \u2028 emoji 🔑',
  true,
  [],
  {},
  [1, undefined, null, 'x', [undefined], { b: 1, a: undefined }],
  { b: 2, a: 1, c: { z: [3, 2, 1], y: { k: 'v' } }, d: undefined, e: null },
  { Z: 1, a: 2, _: 3, '10': 4, '9': 5, 'é': 6, 'e\u0301': 7, '🔑': 8, '': 9, 'a b': 10 },
  {
    eventId: '0190b1c2-0000-7abc-8def-0123456789ab',
    eventVersion: '1',
    eventName: 'Encrypt',
    requestParameters: { KeyId: 'key-1', Plaintext: '[REDACTED]', EncryptionContext: { b: '2', a: '1' } },
    userIdentity: { type: 'root-account', principalId: '1', accountId: '1', accessKeyId: 'LTAI' },
    errorCode: undefined,
  },
];

describe('canonicalJson', () => {
  it('is byte-for-byte the reference serialization (existing chains keep verifying)', () => {
    for (const s of samples) expect(canonicalJson(s)).toBe(reference(s));
  });

  it('stays the reference serialization with its quoted-key cache warm, full, and for keys that need escaping', () => {
    for (let round = 0; round < 3; round++) for (const s of samples) expect(canonicalJson(s)).toBe(reference(s));
    // more distinct parameter names than the cache keeps: the ones beyond it are quoted each time, the same way
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`Param.${i}"\\\n`, i]));
    for (let round = 0; round < 2; round++) expect(canonicalJson(many)).toBe(reference(many));
    expect(canonicalJson({ 'tab\tkey': 1, 'quote"key': 2 })).toBe('{"quote\\"key":2,"tab\\tkey":1}');
  });

  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: { d: 1, c: [{ f: 1, e: undefined }] }, a: 'x' })).toBe('{"a":"x","b":{"c":[{"f":1}],"d":1}}');
  });

  it('chains: the same body, position and predecessor give the same hash', () => {
    const body = canonicalJson(samples.at(-1));
    expect(chainHash(GENESIS_HASH, '1', 1, body)).toBe(chainHash(GENESIS_HASH, '1', 1, reference(samples.at(-1))));
    expect(chainHash(GENESIS_HASH, '1', 1, body)).not.toBe(chainHash(GENESIS_HASH, '1', 2, body));
  });
});
