import { describe, expect, it } from 'vitest';
import type { DlpConfigInput } from './config.js';
import { idCardCheckChar } from './detectors/id-card.js';
import { dlpAppliesToPath, normalizeRequestPath } from './policy.js';
import { DlpScanner } from './scanner.js';
import { policyOf } from './test-support/scan.js';
import { mulberry32 } from './test-support/mulberry32.js';

const ALL: DlpConfigInput = { detectors: { email: { enabled: true } } };
const ID = `11010519491231002X`;
const PEM = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\nAbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/==\n-----END PRIVATE KEY-----\n';
const DOC =
  `<html><body><p>手机 13812345678, 卡 6222 0202 0011 1234 5678? no: 4111-1111-1111-1111.</p>` +
  `<p>id ${ID} mail abcd@example.com key LTAI5tQ8bW3nXk9RzPq2Lm7V secret bJtIfV6Gf4hoXSpL6cMzjVRmbzQ5Ao</p>` +
  `<pre>${PEM}</pre><pre>\tat com.example.Foo.bar(Foo.java:42)\nORA-00933: SQL command not properly ended</pre></body></html>`;

function run(chunks: readonly Buffer[], input = ALL, minScanBytes = 1): { out: Buffer; scanner: DlpScanner } {
  const scanner = new DlpScanner(policyOf(input), { minScanBytes });
  const parts: Buffer[] = [];
  for (const c of chunks) parts.push(...scanner.write(c));
  parts.push(...scanner.end());
  return { out: Buffer.concat(parts), scanner };
}

describe('DlpScanner', () => {
  const whole = run([Buffer.from(DOC)], ALL, 1 << 20);

  it('masks every kind of value in one pass, keeping the length', () => {
    const out = whole.out.toString();
    expect(whole.out.length).toBe(Buffer.byteLength(DOC));
    for (const v of ['13812345678', '4111-1111-1111-1111', ID, 'abcd@', 'LTAI5tQ8bW3nXk9RzPq2Lm7V', 'bJtIfV6Gf4hoXSpL6cMzjVRmbzQ5Ao', 'MIGHAgEAMBMG', 'Foo.java:42', 'SQL command']) {
      expect(out).not.toContain(v);
    }
    expect(out).toContain('138****5678');
    expect(out).toContain('4111-****-****-1111');
    expect(out).toContain('110105********002X');
    expect(whole.scanner.hits()).toEqual([
      { detector: 'privateKey', count: 1, action: 'mask' },
      { detector: 'accessKey', count: 2, action: 'mask' },
      { detector: 'idCard', count: 1, action: 'mask' },
      { detector: 'bankCard', count: 1, action: 'mask' },
      { detector: 'phone', count: 1, action: 'mask' },
      { detector: 'email', count: 1, action: 'mask' },
      { detector: 'stackTrace', count: 1, action: 'mask' },
      { detector: 'dbError', count: 1, action: 'mask' },
    ]);
  });

  it('masks a value split at every possible chunk boundary (two chunks)', () => {
    const bytes = Buffer.from(DOC);
    for (let p = 0; p <= bytes.length; p++) {
      const r = run([bytes.subarray(0, p), bytes.subarray(p)]);
      expect(r.out.equals(whole.out), `split at ${p}`).toBe(true);
      expect(r.scanner.hits()).toEqual(whole.scanner.hits());
    }
  });

  it('masks the same when fed one byte at a time and in random chunk sizes', () => {
    const bytes = Buffer.from(DOC);
    const single = run([...bytes].map((b) => Buffer.from([b])));
    expect(single.out.equals(whole.out)).toBe(true);
    const next = mulberry32(7);
    for (let round = 0; round < 50; round++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; ) {
        const n = 1 + Math.floor(next() * 40);
        chunks.push(bytes.subarray(i, i + n));
        i += n;
      }
      expect(run(chunks, ALL, 1 + Math.floor(next() * 64)).out.equals(whole.out)).toBe(true);
    }
  });

  it('finds every value of a large body at scan-batch boundaries, with bounded held bytes', () => {
    const filler = 'lorem ipsum dolor sit amet 2023-11-28 12:34:56 order 20231128123456789 '.repeat(3);
    const pieces: string[] = [];
    for (let i = 0; i < 2000; i++) pieces.push(filler.slice(0, (i * 37) % filler.length), ` ${ID} `, ' 13912345678 ');
    const bytes = Buffer.from(pieces.join(''));
    const scanner = new DlpScanner(policyOf(ALL), { minScanBytes: 1024 });
    const next = mulberry32(3);
    const parts: Buffer[] = [];
    let maxHeld = 0;
    for (let i = 0; i < bytes.length; ) {
      const n = 1 + Math.floor(next() * 3000);
      parts.push(...scanner.write(bytes.subarray(i, i + n)));
      maxHeld = Math.max(maxHeld, scanner.heldBytes);
      i += n;
    }
    parts.push(...scanner.end());
    const out = Buffer.concat(parts);
    expect(out.length).toBe(bytes.length);
    expect(scanner.hits()).toEqual([
      { detector: 'idCard', count: 2000, action: 'mask' },
      { detector: 'phone', count: 2000, action: 'mask' },
    ]);
    expect(out.toString()).not.toContain('13912345678');
    expect(maxHeld).toBeLessThan(1024 + 3000 + 4096);
  });

  it('masks a PEM body split at every boundary and a key longer than the carry-over window', () => {
    const bytes = Buffer.from(`x ${PEM} y`);
    const ref = run([bytes], ALL, 1 << 20).out;
    for (let p = 0; p <= bytes.length; p++) expect(run([bytes.subarray(0, p), bytes.subarray(p)]).out.equals(ref), `split at ${p}`).toBe(true);
    const longBody = Array.from({ length: 120 }, (_, i) => `${String(i).padStart(4, '0')}AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrSt`).join('\n');
    const longPem = Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${longBody}\n-----END RSA PRIVATE KEY-----\n`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < longPem.length; i += 100) chunks.push(longPem.subarray(i, i + 100));
    const out = run(chunks, ALL, 64).out.toString();
    expect(out).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n[*\n]+\n-----END RSA PRIVATE KEY-----\n$/);
  });

  it('blocks on a block action and produces no more output', () => {
    const { out, scanner } = run([Buffer.from(`ok ok ok ${ID} more`)], { detectors: { idCard: { action: 'block' } } });
    expect(out.length).toBe(0);
    expect(scanner.blocked).toEqual({ detector: 'idCard', bulk: false, count: 1 });
    expect(scanner.hits()).toEqual([{ detector: 'idCard', count: 1, action: 'block' }]);
  });

  it('only logs with the log action', () => {
    const { out, scanner } = run([Buffer.from(`phone 13812345678`)], { action: 'log' });
    expect(out.toString()).toBe('phone 13812345678');
    expect(scanner.hits()).toEqual([{ detector: 'phone', count: 1, action: 'log' }]);
  });

  it('blocks a response with more hits than the bulk threshold', () => {
    const three = `${ID} , 11010519491231003${idCardCheckChar('11010519491231003')} , 11010519491231004${idCardCheckChar('11010519491231004')}`;
    const over = run([Buffer.from(three)], { bulkThreshold: 2 });
    expect(over.scanner.blocked).toEqual({ detector: 'idCard', bulk: true, count: 3 });
    expect(over.out.length).toBe(0);
    const atLimit = run([Buffer.from(three)], { bulkThreshold: 3 });
    expect(atLimit.scanner.blocked).toBeUndefined();
    const perDetector = run([Buffer.from(three)], { bulkThreshold: 100, detectors: { idCard: { bulkThreshold: 1 } } });
    expect(perDetector.scanner.blocked?.detector).toBe('idCard');
  });

  it('handles GBK/GB18030 bodies: masks in place, never matches across a character', () => {
    // 手 = CA D6, 机 = BB FA in GBK; 0x81 0x30 0x81 0x30 is a four-byte GB18030 character (U+0080).
    const gbk = Buffer.concat([Buffer.from([0xca, 0xd6, 0xbb, 0xfa]), Buffer.from(':13812345678 '), Buffer.from([0x81, 0x30, 0x81, 0x30]), Buffer.from('13912345678')]);
    expect(new TextDecoder('gb18030').decode(gbk)).toBe('手机:13812345678 \u008013912345678');
    const scanner = new DlpScanner(policyOf(ALL), { charset: 'gb18030', minScanBytes: 1 });
    const out = Buffer.concat([...scanner.write(gbk.subarray(0, 9)), ...scanner.write(gbk.subarray(9, 19)), ...scanner.write(gbk.subarray(19)), ...scanner.end()]);
    expect(new TextDecoder('gb18030').decode(out)).toBe('手机:138****5678 \u0080139****5678');
    // Read as ASCII bytes, the digit '0' of the four-byte character glues onto the number.
    expect(run([gbk]).scanner.hits()).toEqual([{ detector: 'phone', count: 1, action: 'mask' }]);
    // A trail byte 'L' (0x81 0x4C) must not start an AccessKey id.
    const trail = Buffer.concat([Buffer.from([0x81]), Buffer.from('LTAI5tQ8bW3nXk9RzPq2Lm7V')]);
    const gbScan = new DlpScanner(policyOf(ALL), { charset: 'gb18030' });
    const gbOut = Buffer.concat([...gbScan.write(trail), ...gbScan.end()]);
    expect(gbOut.equals(trail)).toBe(true);
  });

  it('sniffs <meta charset> and passes UTF-16 bodies through untouched', () => {
    const html = Buffer.concat([Buffer.from('<meta charset="gbk"><p>'), Buffer.from([0x81]), Buffer.from('LTAI5tQ8bW3nXk9RzPq2Lm7V 13812345678')]);
    const s = new DlpScanner(policyOf(ALL), { sniffHtmlCharset: true });
    const out = Buffer.concat([...s.write(html), ...s.end()]).toString('latin1');
    expect(out.endsWith('LTAI5tQ8bW3nXk9RzPq2Lm7V 138****5678')).toBe(true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('13812345678', 'utf16le')]);
    const u = new DlpScanner(policyOf(ALL));
    expect(Buffer.concat([...u.write(utf16), ...u.end()]).equals(utf16)).toBe(true);
    expect(u.inspected).toBe(false);
  });

  it('applies path exceptions on normalized paths', () => {
    const policy = policyOf({ exceptions: ['/healthz', '/static/*'] });
    expect(dlpAppliesToPath(policy, '/healthz')).toBe(false);
    expect(dlpAppliesToPath(policy, '/healthz?x=1')).toBe(false);
    expect(dlpAppliesToPath(policy, '/healthz/x')).toBe(true);
    expect(dlpAppliesToPath(policy, '/static/app.js')).toBe(false);
    expect(dlpAppliesToPath(policy, '/static/%2e%2e/admin')).toBe(true);
    expect(dlpAppliesToPath(policy, '/static/..%2fadmin')).toBe(true);
    expect(dlpAppliesToPath(policy, '//static//a.css')).toBe(false);
    expect(dlpAppliesToPath(policy, '/static/%zz')).toBe(true);
    expect(normalizeRequestPath('/a/./b/../c')).toBe('/a/c');
    expect(dlpAppliesToPath(policyOf({ enabled: false }), '/x')).toBe(false);
  });

  it('flush releases every decided byte and keeps a trailing piece that could start a value', () => {
    const scanner = new DlpScanner(policyOf(ALL));
    expect(scanner.write(Buffer.from(`<p>id ${ID}</p>\n<p>tel 1381234`))).toEqual([]);
    expect(Buffer.concat(scanner.flush()).toString()).toBe('<p>id 110105********002X</p>\n<p>tel ');
    expect(scanner.heldBytes).toBe('1381234'.length);
    expect(scanner.flush()).toEqual([]);
    scanner.write(Buffer.from('5678 ok</p>\n'));
    expect(Buffer.concat(scanner.end()).toString()).toBe('138****5678 ok</p>\n');
    // Text that cannot begin a value (here: ending a line) is released whole.
    const s2 = new DlpScanner(policyOf(ALL));
    s2.write(Buffer.from('<pre>at com.example.Foo.bar(Foo.java:42)\nmail abcd@example.com 13812345678.\n'));
    const frame = 'at com.example.Foo.bar(Foo.java:42)'.replace(/\S/g, '*');
    expect(Buffer.concat(s2.flush()).toString()).toBe(`<pre>${frame}\nmail a***@example.com 138****5678.\n`);
    expect(s2.heldBytes).toBe(0);
  });

  it('masks a value split at every possible boundary with a flush between the halves', () => {
    const bytes = Buffer.from(DOC);
    for (let p = 0; p <= bytes.length; p++) {
      const scanner = new DlpScanner(policyOf(ALL), { minScanBytes: 1 << 20 });
      const out = [...scanner.write(bytes.subarray(0, p)), ...scanner.flush(), ...scanner.write(bytes.subarray(p)), ...scanner.end()];
      expect(Buffer.concat(out).equals(whole.out), `split at ${p}`).toBe(true);
      expect(scanner.hits()).toEqual(whole.scanner.hits());
    }
  });

  it('masks the same with a flush after every chunk of random sizes', () => {
    const bytes = Buffer.from(DOC);
    const next = mulberry32(11);
    for (let round = 0; round < 50; round++) {
      const scanner = new DlpScanner(policyOf(ALL), { minScanBytes: 1 + Math.floor(next() * 4096) });
      const out: Buffer[] = [];
      for (let i = 0; i < bytes.length; ) {
        const n = 1 + Math.floor(next() * 60);
        out.push(...scanner.write(bytes.subarray(i, i + n)), ...scanner.flush());
        i += n;
      }
      out.push(...scanner.end());
      expect(Buffer.concat(out).equals(whole.out), `round ${round}`).toBe(true);
    }
  });

  it('flush waits for enough of the head to sniff the charset', () => {
    const html = Buffer.concat([Buffer.from('<html><head><meta charset="gbk"><p>'), Buffer.from([0x81]), Buffer.from('LTAI5tQ8bW3nXk9RzPq2Lm7V 13812345678</p>\n')]);
    const whole = new DlpScanner(policyOf(ALL), { sniffHtmlCharset: true });
    const ref = Buffer.concat([...whole.write(html), ...whole.end()]);
    const s = new DlpScanner(policyOf(ALL), { sniffHtmlCharset: true });
    expect(s.write(html.subarray(0, 12))).toEqual([]);
    expect(s.flush()).toEqual([]); // 12 bytes: too few to know the charset
    const out = Buffer.concat([...s.write(html.subarray(12)), ...s.flush(), ...s.end()]);
    expect(out.equals(ref)).toBe(true);
    expect(out.toString('latin1')).toContain('LTAI5tQ8bW3nXk9RzPq2Lm7V 138****5678');
    // Without sniffing, four bytes are enough (a UTF-16 byte-order mark).
    const plain = new DlpScanner(policyOf(ALL));
    plain.write(Buffer.from('ab'));
    expect(plain.flush()).toEqual([]);
    plain.write(Buffer.from('cd\n'));
    expect(Buffer.concat(plain.flush()).toString()).toBe('abcd\n');
  });

  it('flush never releases part of a GBK character', () => {
    const scanner = new DlpScanner(policyOf(ALL), { charset: 'gb18030' });
    scanner.write(Buffer.from([0x41, 0xca, 0xd6, 0xbb]));
    expect(Buffer.concat(scanner.flush())).toEqual(Buffer.from([0x41, 0xca, 0xd6]));
    scanner.write(Buffer.from([0xfa]));
    expect(Buffer.concat(scanner.end())).toEqual(Buffer.from([0xbb, 0xfa]));
  });

  it('never puts a value in its hits', () => {
    const json = JSON.stringify(whole.scanner.hits());
    expect(json).not.toMatch(/\d{5}/);
    expect(json).not.toContain('LTAI');
  });
});
