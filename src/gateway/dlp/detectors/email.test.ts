import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';

describe('email detector', () => {
  it('masks the local part after its first character, keeping the length and the domain', () => {
    expect(scanText('mail abcd@example.com now').out).toBe('mail a***@example.com now');
    expect(scanText('<a href="mailto:john.smith+tag@mail.example.co.uk">').out).toBe('<a href="mailto:j*************@mail.example.co.uk">');
    expect(scanText('"e":"x@a.io"').out).toBe('"e":"*@a.io"');
  });

  it('is off unless enabled', () => {
    expect(countOf('abcd@example.com', 'email', {})).toBe(0);
    expect(countOf('abcd@example.com', 'email')).toBe(1);
  });

  it('ignores things that only look like addresses', () => {
    for (const text of ['logo@2x.png', 'icon@3x.webp', 'npm i pkg@1.2.3', '@scope/name', 'user@localhost', 'a@b', 'foo@bar.c', 'x..y@example.com', 'x.@example.com', `${'a'.repeat(70)}@example.com`]) {
      expect(countOf(text, 'email'), text).toBe(0);
    }
  });

  it('finds several addresses and stops the domain at its real end', () => {
    const r = scanText('a1@ex.com, b2@ex.org; c3@sub.ex.net.');
    expect(r.out).toBe('a*@ex.com, b*@ex.org; c*@sub.ex.net.');
    expect(r.hits).toEqual([{ detector: 'email', count: 3, action: 'mask' }]);
  });
});
