import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactText, redactUrl } from './redact.js';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x\n-----END RSA PRIVATE KEY-----';

describe('redact', () => {
  it('removes secret-named fields at any depth, whatever their spelling', () => {
    const out = redact({ AccessKeySecret: 's1', access_key_secret: 's2', nested: [{ Password: 'p', SecurityToken: 't', keep: 'k' }], Authorization: 'a' });
    expect(out).toEqual({ AccessKeySecret: REDACTED, access_key_secret: REDACTED, nested: [{ Password: REDACTED, SecurityToken: REDACTED, keep: 'k' }], Authorization: REDACTED });
  });

  it('removes PEM private keys from free text', () => {
    expect(redactText(`key: ${PEM} end`)).toBe(`key: ${REDACTED} end`);
    expect(redact({ note: PEM })).toEqual({ note: REDACTED });
  });

  it('removes secret query parameters from URLs', () => {
    expect(redactUrl('/?Action=X&AccessKeySecret=abc&Password=p%21&Name=n')).toBe('/?Action=X&AccessKeySecret=%5BREDACTED%5D&Password=%5BREDACTED%5D&Name=n');
    expect(redactUrl('/plain')).toBe('/plain');
  });

  it('leaves non-secret values untouched and does not mutate its input', () => {
    const input = { UserName: 'alice', Password: 'x' };
    expect(redact(input).UserName).toBe('alice');
    expect(input.Password).toBe('x');
  });
});
