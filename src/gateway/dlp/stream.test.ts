import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync, inflateSync, constants as zlibConstants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../../core/errors.js';
import { dlpResponseHeaders } from './headers.js';
import { createDlpStream, dlpStreamFor, type DlpEvent, type DlpStream } from './stream.js';
import { policyOf } from './test-support/scan.js';

const ID = '11010519491231002X';
const PAGE = `<html><body>${'<p>Welcome to the shop, order 20231128123456789 shipped.</p>\n'.repeat(300)}<p>contact 13812345678 id ${ID}</p>${'<p>tail</p>\n'.repeat(300)}</body></html>`;
const MASKED = PAGE.replace('13812345678', '138****5678').replace(ID, '110105********002X');

async function collect(stream: DlpStream, input: Buffer, chunk = 1000): Promise<Buffer> {
  const parts: Buffer[] = [];
  const source = Readable.from((function* () {
    for (let i = 0; i < input.length; i += chunk) yield input.subarray(i, i + chunk);
  })());
  await pipeline(source, stream, new Writable({ write(c: Buffer, _e, cb) { parts.push(c); cb(); } }));
  return Buffer.concat(parts);
}

describe('createDlpStream', () => {
  const policy = policyOf({});

  it('masks an identity HTML body and reports one event per detector', async () => {
    const events: DlpEvent[] = [];
    const s = createDlpStream(policy, { contentType: 'text/html; charset=utf-8', onEvent: (e) => events.push(e) });
    expect(s.inspecting).toBe(true);
    expect(s.reencoded).toBe(false);
    const out = await collect(s, Buffer.from(PAGE));
    expect(out.toString()).toBe(MASKED);
    expect(await s.verdict).toEqual({ action: 'pass' });
    expect(events).toEqual([
      { detector: 'idCard', count: 1, action: 'mask' },
      { detector: 'phone', count: 1, action: 'mask' },
    ]);
  });

  it.each([
    ['gzip', gzipSync, gunzipSync],
    ['deflate', deflateSync, inflateSync],
    ['br', brotliCompressSync, brotliDecompressSync],
  ] as const)('decodes, masks and re-encodes %s bodies', async (encoding, encode, decode) => {
    const s = createDlpStream(policy, { contentType: 'application/json', contentEncoding: encoding });
    expect(s.reencoded).toBe(true);
    const out = await collect(s, encode(Buffer.from(PAGE)), 257);
    expect(decode(out).toString()).toBe(MASKED);
  });

  it('passes non-text bodies, unknown encodings and UTF-16 untouched', async () => {
    for (const [contentType, contentEncoding] of [['image/png', undefined], ['text/html', 'zstd'], ['text/html; charset=utf-16', undefined], [undefined, undefined]] as const) {
      const s = createDlpStream(policy, { contentType, contentEncoding });
      expect(s.inspecting).toBe(false);
      expect((await collect(s, Buffer.from(PAGE))).toString()).toBe(PAGE);
    }
  });

  it('masks GBK bodies declared in Content-Type without re-encoding them', async () => {
    const gbk = Buffer.concat([Buffer.from([0xca, 0xd6, 0xbb, 0xfa]), Buffer.from([0x81]), Buffer.from('LTAI5tQ8bW3nXk9RzPq2Lm7V:13812345678')]);
    const s = createDlpStream(policy, { contentType: 'text/plain; charset=GBK' });
    const out = await collect(s, gbk, 3);
    expect(new TextDecoder('gbk').decode(out)).toBe(new TextDecoder('gbk').decode(gbk).replace('13812345678', '138****5678'));
  });

  it('blocks before anything is sent when the hit is inside the hold window (replace mode)', async () => {
    const events: DlpEvent[] = [];
    const s = createDlpStream(policyOf({ detectors: { idCard: { action: 'block' } } }), { contentType: 'text/html', blockMode: 'replace', onEvent: (e) => events.push(e) });
    const out = await collect(s, Buffer.from(PAGE));
    expect(out.length).toBe(0);
    const v = await s.verdict;
    expect(v.action).toBe('block');
    if (v.action === 'block') {
      expect(v.reason).toEqual({ detector: 'idCard', bulk: false, count: 1 });
      expect(v.error.code).toBe('Dlp.ResponseBlocked');
      expect(v.error.status).toBe(502);
    }
    expect(events).toEqual([
      { detector: 'idCard', count: 1, action: 'block' },
      { detector: 'phone', count: 1, action: 'mask' },
    ]);
  });

  it('in abort mode, a block inside the hold window also destroys the stream', async () => {
    const s = createDlpStream(policyOf({ detectors: { idCard: { action: 'block' } } }), { contentType: 'text/html' });
    const err = await collect(s, Buffer.from(PAGE)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isBulwarkError(err) && err.code).toBe('Dlp.ResponseBlocked');
    expect((await s.verdict).action).toBe('block');
  });

  it('aborts the stream when a block comes after the head was released', async () => {
    const s = createDlpStream(policyOf({ bulkThreshold: 1, holdBytes: 1024 }), { contentType: 'text/html' });
    const body = Buffer.from(`${'x'.repeat(100_000)} ${ID} and 13812345678 and 13912345678`);
    const err = await collect(s, body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(await s.verdict).toEqual({ action: 'pass' });
    expect(isBulwarkError(err) && err.code).toBe('Dlp.ResponseBlocked');
  });

  it('flushes held bytes after flushAfterMs without more data, releasing the head and keeping a possible value start', async () => {
    for (const [contentEncoding, encode, decode] of [
      [undefined, (b: Buffer) => b, (b: Buffer) => b],
      ['gzip', (b: Buffer) => gzipSync(b), (b: Buffer) => gunzipSync(b, { finishFlush: zlibConstants.Z_SYNC_FLUSH })],
    ] as const) {
      const s = createDlpStream(policy, { contentType: 'text/html; charset=utf-8', contentEncoding, flushAfterMs: 20 });
      const got: Buffer[] = [];
      let firstData: () => void = () => undefined;
      const first = new Promise<void>((r) => (firstData = r));
      s.on('data', (c: Buffer) => {
        got.push(c);
        firstData();
      });
      const whole = encode(Buffer.from(`<p>id ${ID}</p>\n<p>tel 13812345678</p>\n`));
      // The first part of a compressed body, up to and including some of the phone number.
      const cut = contentEncoding === undefined ? whole.indexOf('5678') : whole.length - 12;
      s.write(whole.subarray(0, cut));
      await first; // arrives without more input: only the timer can have released it
      expect(await s.verdict).toEqual({ action: 'pass' });
      const early = decode(Buffer.concat(got)).toString();
      expect(early.startsWith('<p>id 110105********002X</p>\n<p>tel ')).toBe(true);
      expect(early).not.toContain(ID);
      expect(early).not.toMatch(/1381234/);
      const ended = new Promise((r) => s.once('end', r));
      s.end(whole.subarray(cut));
      await ended;
      expect(decode(Buffer.concat(got)).toString()).toBe('<p>id 110105********002X</p>\n<p>tel 138****5678</p>\n');
    }
  });

  it('releases the head on time even while the first bytes wait for charset sniffing', async () => {
    const s = createDlpStream(policy, { contentType: 'text/html', flushAfterMs: 20 });
    const got: Buffer[] = [];
    s.on('data', (c: Buffer) => got.push(c));
    s.write(Buffer.from('<html><head>'));
    expect(await s.verdict).toEqual({ action: 'pass' }); // settled by the timer alone
    expect(got).toEqual([]);
    const ended = new Promise((r) => s.once('end', r));
    s.end(Buffer.from(`<p>${ID}</p>`));
    await ended;
    expect(Buffer.concat(got).toString()).toBe('<html><head><p>110105********002X</p>');
  });

  it('flushes each held stream on time while others with the same delay end or are destroyed first', async () => {
    const streams = [0, 1, 2].map(() => createDlpStream(policy, { contentType: 'text/html; charset=utf-8', flushAfterMs: 20 }));
    const [ended, destroyed, held] = streams as [DlpStream, DlpStream, DlpStream];
    const got: Buffer[] = [];
    held.on('data', (c: Buffer) => got.push(c));
    ended.resume();
    for (const s of streams) s.write(Buffer.from('<p>held</p>'));
    ended.end();
    destroyed.destroy();
    expect(await ended.verdict).toEqual({ action: 'pass' });
    expect(await held.verdict).toEqual({ action: 'pass' }); // only the timer can release it
    expect(Buffer.concat(got).toString()).toBe('<p>held</p>');
    held.end();
  });

  it('reports a corrupt compressed body as a decode failure before the head is sent', async () => {
    const s = createDlpStream(policy, { contentType: 'text/html', contentEncoding: 'gzip' });
    await collect(s, Buffer.from('this is not gzip at all')).catch(() => undefined);
    const v = await s.verdict;
    expect(v.action).toBe('error');
    if (v.action === 'error') expect(v.error.code).toBe('Dlp.DecodeFailed');
  });

  it('streams 200 MB with bounded memory (lazily generated body)', async () => {
    const line = Buffer.from(`<tr><td>order 20231128123456789</td><td>13812345678</td><td>${ID}</td><td>${'lorem ipsum dolor sit amet, '.repeat(120)}</td></tr>\n`);
    const total = 200 * 1024 * 1024;
    const lines = Math.floor(total / line.length);
    const perChunk = 256;
    const block = Buffer.concat(Array.from({ length: perChunk }, () => line));
    const s = createDlpStream(policyOf({}), { contentType: 'text/html' });
    global.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    let seen = 0;
    let n = 0;
    const source = Readable.from((function* () {
      for (let sent = 0; sent < lines; sent += perChunk) yield Buffer.from(block.subarray(0, Math.min(perChunk, lines - sent) * line.length));
    })());
    let tail: Buffer = Buffer.alloc(0);
    await pipeline(
      source,
      s,
      new Writable({
        write(c: Buffer, _e, cb) {
          seen += c.length;
          tail = c;
          if (++n % 64 === 0) {
            const m = process.memoryUsage();
            peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
          }
          cb();
        },
      }),
    );
    expect(seen).toBe(lines * line.length);
    expect(s.hits()).toEqual([
      { detector: 'idCard', count: lines, action: 'mask' },
      { detector: 'phone', count: lines, action: 'mask' },
    ]);
    expect(tail.toString()).not.toContain('13812345678');
    // Far below the body size: the stream holds a window, not the body.
    // (garbage collection runs when it likes, so allow for uncollected chunks: half the body at most)
    expect(peak).toBeLessThan(total / 2);
  });
});

describe('dlpStreamFor and dlpResponseHeaders', () => {
  const policy = policyOf({ exceptions: ['/static/*'] });
  const html = { 'content-type': 'text/html' };

  it('applies only to inspectable responses with a body', () => {
    expect(dlpStreamFor(policy, { method: 'GET', path: '/', status: 200, headers: html })).toBeDefined();
    expect(dlpStreamFor(policy, { method: 'HEAD', path: '/', status: 200, headers: html })).toBeUndefined();
    expect(dlpStreamFor(policy, { method: 'GET', path: '/', status: 304, headers: html })).toBeUndefined();
    expect(dlpStreamFor(policy, { method: 'GET', path: '/', status: 200, headers: { 'content-type': 'image/png' } })).toBeUndefined();
    expect(dlpStreamFor(policyOf({ enabled: false }), { method: 'GET', path: '/', status: 200, headers: html })).toBeUndefined();
    expect(dlpStreamFor(policy, { method: 'GET', path: '/static/a.html', status: 200, headers: html })).toBeUndefined();
  });

  it('adjusts length, validators and ranges', () => {
    const headers = { 'content-type': 'text/html', 'content-length': '10', etag: '"abc"', 'content-md5': 'x', 'accept-ranges': 'bytes' };
    expect(dlpResponseHeaders(headers, { inspecting: true, reencoded: true })).toEqual({ 'content-type': 'text/html', etag: 'W/"abc"', 'accept-ranges': 'none' });
    expect(dlpResponseHeaders(headers, { inspecting: true, reencoded: false })).toEqual({ 'content-type': 'text/html', 'content-length': '10', etag: 'W/"abc"', 'accept-ranges': 'none' });
    expect(dlpResponseHeaders(headers, { inspecting: false, reencoded: false })).toEqual(headers);
  });
});
