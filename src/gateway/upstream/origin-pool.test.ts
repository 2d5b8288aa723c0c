import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPki } from '../test-support/pki.js';
import { OriginPool } from './origin-pool.js';

interface Result {
  status: number;
  headers: string[];
  body: string;
  error?: string;
  chunksBeforeResume?: number;
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

/** A raw TCP origin: `answer` sees each request head (one per call) and the socket. */
async function origin(answer: (head: string, socket: Socket, index: number) => void): Promise<{ url: URL; connections: () => number }> {
  let connections = 0;
  let index = 0;
  const server: Server = createServer((socket) => {
    connections++;
    let buffered = '';
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      let end = buffered.indexOf('\r\n\r\n');
      while (end >= 0) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        answer(head, socket, index++);
        end = buffered.indexOf('\r\n\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as { port: number }).port;
  return { url: new URL(`http://127.0.0.1:${port}`), connections: () => connections };
}

function pool(url: URL): OriginPool {
  const p = new OriginPool(url, { connections: 4, connectTimeout: 1000, keepAliveTimeout: 4000, maxHeaderSize: 16384 });
  cleanup.push(() => p.close());
  return p;
}

function send(p: OriginPool, method: string, path: string, options: { replayable?: boolean; timeout?: number; pauseFor?: number } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const r: Result = { status: 0, headers: [], body: '' };
    let paused = false;
    const ex = p.request(
      { method, head: `${method} ${path} HTTP/1.1\r\nhost: origin\r\n\r\n`, body: null, headersTimeout: options.timeout ?? 2000, bodyTimeout: options.timeout ?? 2000, replayable: options.replayable ?? true },
      {
        onHead(status, raw) {
          r.status = status;
          r.headers = raw;
          if (options.pauseFor !== undefined) {
            ex.pause();
            paused = true;
            r.chunksBeforeResume = 0;
            setTimeout(() => {
              paused = false;
              ex.resume();
            }, options.pauseFor);
          }
        },
        onData(chunk) {
          if (paused) r.chunksBeforeResume = (r.chunksBeforeResume ?? 0) + 1;
          r.body += chunk.toString('latin1');
        },
        onEnd(tail) {
          if (paused) r.chunksBeforeResume = (r.chunksBeforeResume ?? 0) + 1;
          if (tail) r.body += tail.toString('latin1');
          resolve(r);
        },
        onError(err) {
          r.error = err.code;
          resolve(r);
        },
      },
    );
  });
}

const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n${extra}\r\n${body}`;

describe('origin pool (llhttp on net sockets)', () => {
  it('keeps one connection alive across requests and reads every framing: length, chunked, HEAD, 204, 1xx, close-delimited', async () => {
    const o = await origin((head, socket) => {
      const path = head.split(' ')[1];
      if (path === '/len') socket.write(ok('hello', 'X-Dup: 1\r\nX-Dup: 2\r\n'));
      else if (path === '/chunked') socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n');
      else if (path === '/head') socket.write('HTTP/1.1 200 OK\r\ncontent-length: 42\r\n\r\n');
      else if (path === '/empty') socket.write('HTTP/1.1 204 No Content\r\n\r\n');
      else if (path === '/hints') socket.write('HTTP/1.1 103 Early Hints\r\nlink: </a.css>\r\n\r\n' + ok('final'));
      else if (path === '/eof') socket.end('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nuntil the end');
    });
    const p = pool(o.url);
    expect(await send(p, 'GET', '/len')).toMatchObject({ status: 200, body: 'hello', headers: ['content-length', '5', 'X-Dup', '1', 'X-Dup', '2'] });
    expect(await send(p, 'GET', '/chunked')).toMatchObject({ status: 200, body: 'abcde' });
    expect(await send(p, 'HEAD', '/head')).toMatchObject({ status: 200, body: '' });
    expect(await send(p, 'GET', '/empty')).toMatchObject({ status: 204, body: '' });
    expect(await send(p, 'GET', '/hints')).toMatchObject({ status: 200, body: 'final' });
    expect(o.connections()).toBe(1);
    expect(await send(p, 'GET', '/eof')).toMatchObject({ status: 200, body: 'until the end' });
    expect(await send(p, 'GET', '/len')).toMatchObject({ status: 200, body: 'hello' });
    expect(o.connections()).toBe(2);
  });

  it('never hands an unasked answer to the next request: extra bytes after a response close the connection', async () => {
    const o = await origin((head, socket, i) => {
      if (i === 0) socket.write(ok('first') + ok('POISON'));
      else socket.write(ok(head.split(' ')[1] as string));
    });
    const p = pool(o.url);
    expect((await send(p, 'GET', '/a')).body).toBe('first');
    expect((await send(p, 'GET', '/b')).body).toBe('/b');
    expect(o.connections()).toBe(2);
  });

  it('refuses responses llhttp refuses (repeated Content-Length) with the parser code', async () => {
    const o = await origin((_head, socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab'));
    expect(await send(pool(o.url), 'GET', '/')).toMatchObject({ error: 'HPE_UNEXPECTED_CONTENT_LENGTH' });
  });

  it('sends a replayable request again on a fresh connection when a reused one was closed; never a non-replayable one', async () => {
    const o = await origin((_head, socket, i) => {
      if (i === 1 || i === 3) socket.destroy(); // the reused connection dies without answering
      else socket.write(ok('fine'));
    });
    const p = pool(o.url);
    expect((await send(p, 'GET', '/1')).body).toBe('fine');
    expect(await send(p, 'GET', '/2')).toMatchObject({ status: 200, body: 'fine' });
    expect(o.connections()).toBe(2);
    expect(await send(p, 'POST', '/3', { replayable: false })).toMatchObject({ error: 'UPSTREAM_CLOSED' });
  });

  it('times out a silent origin with UPSTREAM_HEADERS_TIMEOUT and a refused connection with its socket code', async () => {
    const o = await origin(() => undefined);
    expect(await send(pool(o.url), 'GET', '/', { timeout: 200 })).toMatchObject({ error: 'UPSTREAM_HEADERS_TIMEOUT' });
    const closed = await origin(() => undefined);
    const url = closed.url;
    await cleanup.pop()?.(); // the pool
    await cleanup.pop()?.(); // the server: nothing listens there any more
    expect(await send(pool(url), 'GET', '/')).toMatchObject({ error: 'ECONNREFUSED' });
  });

  it('queues requests beyond the connection limit; a queued request waits at most the headers timeout', async () => {
    const o = await origin((head, socket) => {
      if (head.startsWith('GET /slow')) setTimeout(() => socket.write(ok('slow')), 600);
      else socket.write(ok('quick'));
    });
    const p = pool(o.url);
    const slow = Array.from({ length: 4 }, () => send(p, 'GET', '/slow'));
    const queued = send(p, 'GET', '/quick', { timeout: 200 });
    const later = send(p, 'GET', '/quick', { timeout: 2000 });
    expect(await queued).toMatchObject({ error: 'UPSTREAM_HEADERS_TIMEOUT' });
    expect((await Promise.all(slow)).map((r) => r.body)).toEqual(['slow', 'slow', 'slow', 'slow']);
    expect(await later).toMatchObject({ status: 200, body: 'quick' });
    expect(o.connections()).toBe(4);
  });

  it('delivers nothing while paused, then the rest in order', async () => {
    const o = await origin((_head, socket) => socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n'));
    const r = await send(pool(o.url), 'GET', '/', { pauseFor: 100 });
    expect(r).toMatchObject({ status: 200, body: 'abcdef', chunksBeforeResume: 0 });
  });

  it('ends a response paused at its head once resumed, also when the body is empty (204, length 0) and ended with the head', async () => {
    const o = await origin((head, socket) => socket.write(head.includes(' /none ') ? 'HTTP/1.1 204 No Content\r\n\r\n' : ok('')));
    const p = pool(o.url);
    expect(await send(p, 'GET', '/empty', { pauseFor: 50 })).toMatchObject({ status: 200, body: '', chunksBeforeResume: 0 });
    expect(await send(p, 'GET', '/none', { pauseFor: 50 })).toMatchObject({ status: 204, body: '', chunksBeforeResume: 0 });
  });

  it('verifies HTTPS upstreams: a certificate from an unknown CA is refused before any request is sent', async () => {
    const pki = createPki();
    pki.ca('ca');
    pki.leaf('origin', 'ca', 'localhost', ['localhost']);
    let requests = 0;
    const server = createHttpsServer({ cert: pki.read('origin', 'pem'), key: pki.read('origin', 'key') }, (_req, res) => {
      requests++;
      res.end('secret');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const r = await send(pool(new URL(`https://localhost:${(server.address() as { port: number }).port}`)), 'GET', '/');
    expect(r.status).toBe(0);
    expect(r.error).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(requests).toBe(0);
  });
});
