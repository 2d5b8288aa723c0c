import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PKCS8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const SEC1 = privateKey.export({ type: 'sec1', format: 'pem' }).toString();

function bodyOf(pem: string): string {
  return pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join('\n');
}

describe('privateKey detector', () => {
  it('masks the whole base64 body, keeping the armor lines and line breaks', () => {
    const r = scanText(`<pre>${PKCS8}</pre>`);
    expect(r.out).toContain('-----BEGIN PRIVATE KEY-----\n');
    expect(r.out).toContain('-----END PRIVATE KEY-----\n</pre>');
    expect(r.out).not.toContain(bodyOf(PKCS8).slice(0, 20));
    expect(r.out.length).toBe(`<pre>${PKCS8}</pre>`.length);
    expect(r.out.replace(/[^*]/g, '').length).toBe(bodyOf(PKCS8).replace(/\n/g, '').length);
    expect(r.hits).toEqual([{ detector: 'privateKey', count: 1, action: 'mask' }]);
    expect(scanText(SEC1).out).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n[*\n]+-----END EC PRIVATE KEY-----\n$/);
  });

  it('keeps JSON escapes and HTML line breaks intact inside the body', () => {
    const json = JSON.stringify({ key: PKCS8 });
    const out = scanText(json).out;
    expect(JSON.parse(out)).toEqual({ key: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n[*\n]+-----END PRIVATE KEY-----\n$/) });
    const html = PKCS8.replace(/\n/g, '<br>\n');
    expect(scanText(html).out).toMatch(/^-----BEGIN PRIVATE KEY-----<br>\n(?:\**<br>\n)+-----END PRIVATE KEY-----<br>\n$/);
  });

  it('stops at a closing quote when the key is truncated, and does not report values inside the body', () => {
    const out = scanText('{"k":"-----BEGIN RSA PRIVATE KEY-----\\nMIIEabc13812345678","next":"13912345678"}').out;
    expect(out).toBe('{"k":"-----BEGIN RSA PRIVATE KEY-----\\n******************","next":"139****5678"}');
    expect(countOf('-----BEGIN RSA PRIVATE KEY-----\nMIIE13812345678\n-----END RSA PRIVATE KEY-----', 'phone')).toBe(0);
  });

  it('ignores public keys and certificates', () => {
    expect(countOf('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----', 'privateKey')).toBe(0);
    expect(countOf('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'privateKey')).toBe(0);
  });
});
