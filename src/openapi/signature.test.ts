import { describe, expect, it } from 'vitest';
import { NonceCache } from './nonce-cache.js';
import { parseForm, percentEncode } from './percent.js';
import { hmacSha1Base64, signV1 } from './signature-v1.js';
import { canonicalRequestV3, parseV3Authorization, sha256Hex, signV3 } from './signature-v3.js';

describe('signature V1', () => {
  it('matches the published darabonba-openapi-util vectors', () => {
    expect(signV1('', { test: 'ok' }, 'accessKeySecret')).toBe('jHx/oHoHNrbVfhncHEvPdHXZwHU=');
    expect(signV1('GET', { test: 'ok' }, 'accessKeySecret')).toBe('hs563c5SfRoGIFjN3KNTp5zjTNc=');
    expect(hmacSha1Base64('secret', 'stringtosign')).toBe('OmuTAr79tpI6CRoAdmzKRq5lHs0=');
  });

  it('percent-encodes per RFC 3986 and excludes Signature', () => {
    expect(percentEncode("a b*c~d'!()/")).toBe('a%20b%2Ac~d%27%21%28%29%2F');
    expect(signV1('POST', { A: '1', Signature: 'x' }, 's')).toBe(signV1('POST', { A: '1' }, 's'));
    expect(signV1('POST', { A: '1' }, 's')).not.toBe(signV1('GET', { A: '1' }, 's'));
  });
});

describe('signature V3', () => {
  const base = {
    method: 'POST',
    path: '/',
    query: { Action: 'CreateUser', UserName: 'a*b(c)' },
    headers: { host: 'ram.example', 'x-acs-action': 'CreateUser', 'x-acs-date': '2026-01-01T00:00:00Z', 'x-acs-content-sha256': sha256Hex('') },
    signedHeaders: ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date'],
    payloadHash: sha256Hex(''),
  };

  it('canonicalizes decoded values with RFC 3986 encoding and sorted headers', () => {
    const canonical = canonicalRequestV3(base);
    expect(canonical.split('\n')).toEqual([
      'POST',
      '/',
      'Action=CreateUser&UserName=a%2Ab%28c%29',
      'host:ram.example',
      'x-acs-action:CreateUser',
      `x-acs-content-sha256:${sha256Hex('')}`,
      'x-acs-date:2026-01-01T00:00:00Z',
      '',
      'host;x-acs-action;x-acs-content-sha256;x-acs-date',
      sha256Hex(''),
    ]);
  });

  it('changes when any signed part changes', () => {
    const sig = signV3(base, 'secret');
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(signV3({ ...base, query: { ...base.query, UserName: 'x' } }, 'secret')).not.toBe(sig);
    expect(signV3({ ...base, headers: { ...base.headers, 'x-acs-date': '2026-01-01T00:00:01Z' } }, 'secret')).not.toBe(sig);
    expect(signV3(base, 'other')).not.toBe(sig);
  });

  it('parses the Authorization header', () => {
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=LTAIx,SignedHeaders=host;x-acs-date,Signature=abc')).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'LTAIx',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'abc',
    });
    expect(parseV3Authorization('Bearer x')).toBeUndefined();
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=LTAIx')).toBeUndefined();
  });
});

describe('form parsing and nonces', () => {
  it('decodes form bodies and reports malformed escapes', () => {
    expect(parseForm('a=1&b=x+y%2Bz&c').params).toEqual({ a: '1', b: 'x y+z', c: '' });
    expect(parseForm('a=%E0%A4%A').malformed).toBeDefined();
  });

  it('rejects a nonce reused within the window and forgets it after', () => {
    const cache = new NonceCache(1000);
    expect(cache.claim('k', 'n1', 0)).toBe(true);
    expect(cache.claim('k', 'n1', 500)).toBe(false);
    expect(cache.claim('other', 'n1', 500)).toBe(true);
    expect(cache.claim('k', 'n1', 5000)).toBe(true);
  });
});
