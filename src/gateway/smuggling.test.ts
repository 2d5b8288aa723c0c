import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from './gateway.js';
import { config, gateway, raw, startOrigin, statusOf, type MemoryAccessLog, type TestOrigin } from './test-support/harness.js';

/**
 * HTTP desync / request smuggling battery over raw sockets: every ambiguous framing is refused
 * with 400 and nothing reaches the origin.
 */
const CASES: Record<string, string> = {
  'CL.TE (both headers)': 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nSMUGGLED',
  'TE.CL (both headers, TE first)': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n',
  'repeated Content-Length (different)': 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde',
  'repeated Content-Length (same)': 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd',
  'Content-Length list': 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4, 4\r\n\r\nabcd',
  'signed Content-Length': 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +4\r\n\r\nabcd',
  'hex Content-Length': 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x4\r\n\r\nabcd',
  'bad chunk size': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabcd\r\n0\r\n\r\n',
  'overflowing chunk size': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\nabcd\r\n0\r\n\r\n',
  'chunk size with bare LF': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\nabcd\r\n0\r\n\r\n',
  'obs-fold continuation line': 'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n',
  'obs-fold on Transfer-Encoding': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n',
  'space in header name': 'GET / HTTP/1.1\r\nHost: a\r\nX A: b\r\n\r\n',
  'space before colon': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n',
  'NUL in header value': 'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\x00c\r\n\r\n',
  'TE identity': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n',
  'TE chunked, gzip': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n',
  'TE xchunked': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n',
  'repeated Transfer-Encoding': 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'TE on HTTP/1.0': 'POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'repeated Host': 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
  'missing Host': 'GET / HTTP/1.1\r\n\r\n',
  'bare LF line endings': 'GET / HTTP/1.1\nHost: a\n\n',
  'absolute-form target': 'GET http://evil.example/ HTTP/1.1\r\nHost: a\r\n\r\n',
};

let origin: TestOrigin;
let gw: RunningGateway;
let url: string;
let log: MemoryAccessLog;

beforeAll(async () => {
  origin = await startOrigin('o');
  ({ gw, url, log } = await gateway(config({ sites: [{ name: 's', upstreams: [origin.url] }] })));
});
afterAll(async () => {
  await gw.stop();
  await origin.stop();
});

describe('HTTP desync / smuggling battery', () => {
  for (const [name, bytes] of Object.entries(CASES)) {
    it(`rejects ${name} with 400 and forwards nothing`, async () => {
      const before = origin.seen.length;
      const reply = await raw(url, bytes, 800);
      expect(statusOf(reply)).toBe(400);
      expect(reply).not.toContain('"origin"');
      expect(origin.seen.length).toBe(before);
    });
  }

  it('still forwards a well-formed chunked request and logs the refusals', async () => {
    const reply = await raw(url, 'POST /ok HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nabcd\r\n0\r\n\r\n');
    expect(statusOf(reply)).toBe(200);
    expect(origin.seen.at(-1)).toMatchObject({ url: '/ok', body: 'abcd' });
    // Re-framed for the origin with a Content-Length, never chunked through.
    expect(origin.seen.at(-1)!.headers['content-length']).toBe('4');
    expect(origin.seen.at(-1)!.headers['transfer-encoding']).toBeUndefined();
    const refusals = log.events.filter((e) => ['reject', 'block'].includes((e.bulwark as { action: string }).action));
    expect(refusals.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
  });
});
