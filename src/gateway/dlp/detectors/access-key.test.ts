import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';
import { isPlausibleAccessKeyId, isPlausibleSecret } from './access-key.js';

const ID = 'LTAI5tQ8bW3nXk9RzPq2Lm7V';
const SECRET = 'bJtIfV6Gf4hoXSpL6cMzjVRmbzQ5Ao';

describe('accessKey detector', () => {
  it('masks AccessKey ids partially and the secret next to them entirely', () => {
    const r = scanText(`{"AccessKeyId":"${ID}","Other":"x","Token":"${SECRET}"}`);
    expect(r.out).toBe(`{"AccessKeyId":"LTAI****************Lm7V","Other":"x","Token":"${'*'.repeat(30)}"}`);
    expect(r.hits).toEqual([{ detector: 'accessKey', count: 2, action: 'mask' }]);
  });

  it('finds a secret after the word "secret" even without an id', () => {
    expect(scanText(`access_key_secret = ${SECRET}`).out).toBe(`access_key_secret = ${'*'.repeat(30)}`);
    expect(scanText(`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${SECRET}\n`).out).toBe(`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${'*'.repeat(30)}\n`);
  });

  it('leaves 30-character tokens alone far from any id or the word secret', () => {
    expect(countOf(`session ${SECRET}`, 'accessKey')).toBe(0);
    expect(countOf(`${ID}${' '.repeat(300)}${SECRET}`, 'accessKey')).toBe(1);
    expect(countOf(`secret ${'x'.repeat(80)} ${SECRET}`, 'accessKey')).toBe(0);
  });

  it('validates id and secret shapes', () => {
    expect(isPlausibleAccessKeyId(ID)).toBe(true);
    expect(isPlausibleAccessKeyId('LTAIAAAAAAAAAAAAAAAA')).toBe(false); // no randomness
    expect(isPlausibleAccessKeyId('LTAIabc')).toBe(false);
    expect(isPlausibleSecret(SECRET)).toBe(true);
    expect(isPlausibleSecret('a'.repeat(30))).toBe(false);
    expect(isPlausibleSecret('abcdefghijklmnopqrstuvwxyzabcd')).toBe(false); // one character class
    for (const text of [`X${ID}`, `${ID}Z`, `${ID.slice(0, 10)}`, `LTAI${'1a'.repeat(12)}`]) expect(countOf(text, 'accessKey'), text).toBe(0);
  });
});
