import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfig } from '../../config/gateway.js';
import type { AccessLogSink } from '../access-log.js';
import { startGateway, type RunningGateway } from '../gateway.js';
import { dlpConfig, type DlpConfig, type DlpConfigInput } from './config.js';
import { createDlpPlugin, type DlpSiteEvent } from './plugin.js';

const ID = '11010519491231002X';
const PAGE = `<html><body>${'<p>order 20231128123456789 shipped</p>\n'.repeat(200)}<p>tel 13812345678 id ${ID}</p></body></html>`;
const MASKED = PAGE.replace('13812345678', '138****5678').replace(ID, '110105********002X');

type Route = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Route>();
let origin: Server;
let originUrl = '';

function sendChunks(res: ServerResponse, headers: Record<string, string>, chunks: readonly Buffer[]): void {
  res.writeHead(200, headers);
  let i = 0;
  const next = (): void => {
    if (i >= chunks.length) {
      res.end();
      return;
    }
    res.write(chunks[i++]);
    setImmediate(next);
  };
  next();
}

beforeAll(async () => {
  origin = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});

afterAll(async () => {
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
});

const quietLog: AccessLogSink = { active: false, write: () => undefined, flush: async () => undefined, close: async () => undefined };

async function withGateway<T>(dlp: DlpConfigInput | undefined, fn: (url: string, events: DlpSiteEvent[]) => Promise<T>): Promise<T> {
  const events: DlpSiteEvent[] = [];
  const cfg = gatewayConfig.parse({ listen: [{ address: '127.0.0.1:0' }], accessLog: { stdout: false }, logLevel: 'silent', sites: [{ name: 'shop', upstreams: [originUrl] }] });
  const plugin = createDlpPlugin({ policyFor: () => (dlp === undefined ? undefined : { ...dlpDefaults(), ...dlp }), onEvent: (e) => events.push(e) });
  const gw: RunningGateway = await startGateway(cfg, { plugins: [plugin], drainMs: 100, accessLog: quietLog });
  try {
    return await fn(gw.urls[0] as string, events);
  } finally {
    await gw.stop();
  }
}

function dlpDefaults(): DlpConfig {
  return dlpConfig.parse({});
}

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  aborted: boolean;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { headers: { connection: 'close', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      let aborted = false;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => {
        aborted = true;
      });
      res.on('error', () => {
        aborted = true;
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: aborted || !res.complete }));
    });
    // A connection closed before or during the head is an aborted response too.
    req.on('error', () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), aborted: true }));
    req.end();
  });
}

describe('DLP through the gateway (real sockets)', () => {
  it('masks a chunked response and reports events with site and path', async () => {
    routes.set('/chunked', (_req, res) => {
      const b = Buffer.from(PAGE);
      sendChunks(res, { 'content-type': 'text/html; charset=utf-8' }, [b.subarray(0, 4000), b.subarray(4000, b.length - 30), b.subarray(b.length - 30)]);
    });
    await withGateway({}, async (url, events) => {
      const r = await get(`${url}/chunked`);
      expect(r.status).toBe(200);
      expect(r.body.toString()).toBe(MASKED);
      expect(r.headers['accept-ranges']).toBe('none');
      expect(r.headers['transfer-encoding']).toBe('chunked');
      expect(events.map((e) => [e.site, e.path, e.detector, e.count, e.action])).toEqual([
        ['shop', '/chunked', 'idCard', 1, 'mask'],
        ['shop', '/chunked', 'phone', 1, 'mask'],
      ]);
      expect(JSON.stringify(events)).not.toContain('13812345678');
    });
  });

  it('leaves responses alone when DLP is off, the path is excepted or the type is not text', async () => {
    routes.set('/plain', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(PAGE)) }).end(PAGE));
    routes.set('/static/app.html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    routes.set('/img', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PAGE));
    await withGateway(undefined, async (url) => expect((await get(`${url}/plain`)).body.toString()).toBe(PAGE));
    await withGateway({ exceptions: ['/static/*'] }, async (url) => {
      expect((await get(`${url}/static/app.html`)).body.toString()).toBe(PAGE);
      expect((await get(`${url}/img`)).body.toString()).toBe(PAGE);
      // Masks keep the length: an identity body keeps its Content-Length.
      const plain = await get(`${url}/plain`);
      expect(plain.body.toString()).toBe(MASKED);
      expect(plain.headers['content-length']).toBe(String(Buffer.byteLength(MASKED)));
    });
  });

  it('masks gzip and br responses and re-encodes them', async () => {
    routes.set('/gz', (_req, res) => {
      const z = gzipSync(PAGE);
      sendChunks(res, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(z.length) }, [z.subarray(0, 100), z.subarray(100)]);
    });
    routes.set('/br', (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' }).end(brotliCompressSync(PAGE)));
    await withGateway({}, async (url) => {
      const gz = await get(`${url}/gz`, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['content-length']).toBeUndefined();
      expect(gunzipSync(gz.body).toString()).toBe(MASKED);
      const br = await get(`${url}/br`, { 'accept-encoding': 'br' });
      expect(brotliDecompressSync(br.body).toString()).toBe(MASKED);
    });
  });

  it('masks a value split at every chunk boundary of the upstream response', async () => {
    const value = `id ${ID}.`;
    let split = 0;
    routes.set('/split', (_req, res) => {
      const b = Buffer.from(value);
      sendChunks(res, { 'content-type': 'text/plain' }, [b.subarray(0, split), b.subarray(split)].filter((c) => c.length > 0));
    });
    await withGateway({ holdBytes: 0 }, async (url) => {
      for (split = 0; split <= value.length; split++) {
        expect((await get(`${url}/split`)).body.toString(), `split at ${split}`).toBe('id 110105********002X.');
      }
    });
  });

  it('answers 502 when a block falls inside the hold window, aborts when it comes later, and bulk-blocks', async () => {
    routes.set('/leak', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    routes.set('/late', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`${'<p>filler</p>'.repeat(20_000)}${ID}`));
    await withGateway({ detectors: { idCard: { action: 'block' } } }, async (url, events) => {
      const r = await get(`${url}/leak`);
      expect(r.status).toBe(502);
      expect(r.body.toString()).not.toContain(ID);
      expect(r.body.toString()).not.toContain('order 2023');
      expect(events.find((e) => e.detector === 'idCard')?.action).toBe('block');
      const late = await get(`${url}/late`);
      expect(late.status === 0 || late.status === 200).toBe(true);
      expect(late.aborted).toBe(true);
      expect(late.body.toString()).not.toContain(ID);
    });
    routes.set('/bulk', (_req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(`${ID}\n${ID}\n${ID}\n`));
    await withGateway({ bulkThreshold: 2 }, async (url, events) => {
      const r = await get(`${url}/bulk`);
      expect(r.status).toBe(502);
      expect(r.body.toString()).not.toContain('110105');
      expect(events).toMatchObject([{ detector: 'idCard', count: 3, action: 'block', bulk: true }]);
    });
  });

  it('answers 502 for a corrupt compressed body and keeps serving', async () => {
    routes.set('/corrupt', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end('definitely not gzip'));
    routes.set('/fine', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await withGateway({}, async (url) => {
      expect((await get(`${url}/corrupt`)).status).toBe(502);
      expect((await get(`${url}/fine`)).body.toString()).toBe(MASKED);
    });
  });

  it('is built into the gateway: a site with a dlp block is masked', async () => {
    routes.set('/builtin', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    const cfg = gatewayConfig.parse({
      listen: [{ address: '127.0.0.1:0' }],
      accessLog: { stdout: false },
      logLevel: 'silent',
      sites: [{ name: 'shop', upstreams: [originUrl], dlp: { flushAfterMs: 50 } }],
    });
    // The gateway's site schema embeds the DLP schema: a bad value names its field.
    const bad = gatewayConfig.safeParse({ listen: [{ address: '127.0.0.1:0' }], sites: [{ name: 'shop', upstreams: [originUrl], dlp: { flushAfterMs: -1 } }] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['sites.0.dlp.flushAfterMs']);
    const gw = await startGateway(cfg, { drainMs: 100, accessLog: quietLog });
    try {
      expect((await get(`${gw.urls[0] as string}/builtin`)).body.toString()).toBe(MASKED);
    } finally {
      await gw.stop();
    }
  });

  /**
   * An origin that sends `first`, then waits until the client saw data (at most `maxWaitMs`), then
   * sends `rest`. `restSent` says whether the client's first bytes came before the rest was sent.
   */
  function pausedOrigin(path: string, first: string, rest: string, maxWaitMs: number): { clientSawData: () => void; restSent: () => boolean } {
    let sawData: () => void = () => undefined;
    let sent = false;
    routes.set(path, (_req, res) => {
      const seen = new Promise<void>((r) => (sawData = r));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(first);
      void Promise.race([seen, new Promise((r) => setTimeout(r, maxWaitMs))]).then(() => {
        sent = true;
        res.end(rest);
      });
    });
    return { clientSawData: () => sawData(), restSent: () => sent };
  }

  function getStreaming(url: string, onFirstData: () => void): Promise<Got & { first: string }> {
    return new Promise((resolve) => {
      const req = httpRequest(url, { headers: { connection: 'close' } }, (res) => {
        const chunks: Buffer[] = [];
        let first: string | undefined;
        let aborted = false;
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          if (first === undefined) {
            first = c.toString();
            onFirstData();
          }
        });
        res.on('aborted', () => (aborted = true));
        res.on('error', () => (aborted = true));
        res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: aborted || !res.complete, first: first ?? '' }));
      });
      req.on('error', () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), aborted: true, first: '' }));
      req.end();
    });
  }

  it('flushes a slowly streamed response on time: the first chunk arrives masked before the origin sends the rest', async () => {
    const first = `<p>id ${ID}</p>\n<p>tel 1381234`;
    const origin = pausedOrigin('/slow', first, '5678</p>\n', 2000);
    await withGateway({}, async (url) => {
      let restSentBeforeFirstData = true;
      const r = await getStreaming(`${url}/slow`, () => {
        restSentBeforeFirstData = origin.restSent();
        origin.clientSawData();
      });
      expect(r.status).toBe(200);
      expect(restSentBeforeFirstData).toBe(false);
      // Everything decided was released; the start of the phone number waited for the rest.
      expect(r.first).toBe('<p>id 110105********002X</p>\n<p>tel ');
      expect(r.body.toString()).toBe('<p>id 110105********002X</p>\n<p>tel 138****5678</p>\n');
    });
  });

  it('after a time-based release a bulk or block decision aborts the response; with flushAfterMs 0 it is still a 502 page', async () => {
    const ids = `<p>${ID}</p>\n<p>${ID}</p>\n`;
    const origin = pausedOrigin('/export', ids, ids, 2000);
    await withGateway({ bulkThreshold: 3 }, async (url, events) => {
      const r = await getStreaming(`${url}/export`, () => origin.clientSawData());
      expect(r.status).toBe(200);
      expect(r.first).toBe(ids.replaceAll(ID, '110105********002X'));
      expect(r.aborted).toBe(true);
      expect(r.body.toString()).not.toContain(ID);
      expect(events).toMatchObject([{ detector: 'idCard', count: 4, action: 'block', bulk: true }]);
    });
    pausedOrigin('/export', ids, ids, 300);
    await withGateway({ bulkThreshold: 3, flushAfterMs: 0 }, async (url) => {
      const r = await get(`${url}/export`);
      expect(r.status).toBe(502);
      expect(r.body.toString()).not.toContain('110105');
    });
    const trace = pausedOrigin('/trace', '<p>Sorry.</p>\n', '<pre>at com.shop.Cart.add(Cart.java:42)</pre>', 2000);
    await withGateway({ detectors: { stackTrace: { action: 'block' } } }, async (url) => {
      const r = await getStreaming(`${url}/trace`, () => trace.clientSawData());
      expect(r.status).toBe(200);
      expect(r.first).toBe('<p>Sorry.</p>\n');
      expect(r.aborted).toBe(true);
      expect(r.body.toString()).not.toContain('Cart.java');
    });
  });

  it('passes a large response with bounded memory', async () => {
    const line = Buffer.from(`<p>${'lorem ipsum dolor sit amet '.repeat(40)} tel 13812345678</p>\n`);
    const total = 48 * 1024 * 1024;
    routes.set('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const block = Buffer.concat(Array.from({ length: 64 }, () => line));
      let sent = 0;
      const pump = (): void => {
        while (sent < total) {
          sent += block.length;
          if (!res.write(block)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    await withGateway({}, async (url) => {
      const before = process.memoryUsage();
      let peak = 0;
      let bytes = 0;
      let leaked = false;
      await new Promise<void>((resolve, reject) => {
        httpRequest(`${url}/big`, { headers: { connection: 'close' } }, (res) => {
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (!leaked && c.includes('13812345678')) leaked = true;
            const m = process.memoryUsage();
            peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
          });
          res.on('end', () => resolve());
          res.on('error', reject);
        })
          .on('error', reject)
          .end();
      });
      expect(bytes).toBeGreaterThanOrEqual(total);
      expect(leaked).toBe(false);
      expect(peak).toBeLessThan(64 * 1024 * 1024);
    });
  });
});
