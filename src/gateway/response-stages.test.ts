import { Transform } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { BodyTransform } from './pipeline.js';
import type { GatewayPlugin } from './plugin.js';
import { config, gateway, http, startOrigin } from './test-support/harness.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

/** Upper-cases the body as it streams. */
function upper(): Transform {
  return new Transform({ transform: (chunk: Buffer, _e, cb) => cb(null, Buffer.from(chunk.toString('latin1').toUpperCase(), 'latin1')) });
}

/** Holds the whole body, then passes it or blocks when it contains "secret" — like DLP's hold window. */
function holding(): BodyTransform {
  const held: Buffer[] = [];
  let settle!: (v: { action: string }) => void;
  const verdict = new Promise<{ action: string }>((r) => (settle = r));
  const t = new Transform({
    transform(chunk: Buffer, _e, cb) {
      held.push(chunk);
      cb();
    },
    flush(cb) {
      const body = Buffer.concat(held);
      const bad = body.toString().includes('secret');
      settle({ action: bad ? 'block' : 'pass' });
      cb(null, bad ? undefined : body);
    },
  });
  return Object.assign(t, { verdict });
}

const plugin: GatewayPlugin = {
  name: 'test-response',
  responseStages: (site) => [
    {
      name: 'headers',
      onResponseHeaders: (ctx, response) => {
        response.headers['x-stage'] = site.name;
        if (ctx.path === '/status/418') return { type: 'block', status: 403, reason: 'response header rule', ruleId: 'resp:teapot' };
        return { type: 'continue' };
      },
      transformBody: (ctx) => (ctx.path.startsWith('/upper') ? upper() : ctx.path.startsWith('/hold') ? holding() : undefined),
    },
  ],
};

describe('response stages', () => {
  it('edit headers, block on response headers, stream body transforms and honour transform verdicts', async () => {
    const o = await startOrigin('origin-name');
    cleanup.push(() => o.stop());
    const { gw, log, url } = await gateway(config({ sites: [{ name: 's', upstreams: [o.url] }] }), { plugins: [plugin] });
    cleanup.push(() => gw.stop());
    const plain = await http(`${url}/plain`);
    expect(plain.headers['x-stage']).toBe('s');
    expect(plain.text).toContain('origin-name');
    // an empty body ends with the head, while the response stages still hold the exchange
    const empty = await http(`${url}/status/204`);
    expect(empty.status).toBe(204);
    expect(empty.headers['x-stage']).toBe('s');
    const up = await http(`${url}/upper`);
    expect(up.text).toContain('ORIGIN-NAME');
    expect(up.headers['content-length']).toBeUndefined();
    expect((await http(`${url}/hold/ok`)).text).toContain('origin-name');
    // The origin echoes the URL, so "/hold/secret" puts "secret" in the body: replaced by a 502 page.
    const blocked = await http(`${url}/hold/secret`);
    expect(blocked.status).toBe(502);
    expect(blocked.text).not.toContain('origin-name');
    expect(blocked.text).toContain(blocked.headers['x-request-id'] as string);
    const teapot = await http(`${url}/status/418`);
    expect(teapot.status).toBe(403);
    const actions = log.events.map((e) => [(e.bulwark as { action: string }).action, (e.http as { response: { status_code: number } }).response.status_code]);
    expect(actions).toEqual([['proxy', 200], ['proxy', 204], ['proxy', 200], ['proxy', 200], ['block', 502], ['block', 403]]);
  });
});

describe('DLP through the gateway', () => {
  it('masks personal data in responses of sites with a dlp block', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('contact: alice@example.com\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const { gw, url } = await gateway(
      config({ sites: [{ name: 'masked', hosts: ['m.test'], upstreams: [`http://127.0.0.1:${port}`], dlp: { detectors: { email: { enabled: true } } } }, { name: 'plain', hosts: ['*'], upstreams: [`http://127.0.0.1:${port}`] }] }),
    );
    cleanup.push(() => gw.stop());
    const masked = await http(`${url}/`, { headers: { host: 'm.test' } });
    expect(masked.status).toBe(200);
    expect(masked.text).not.toContain('alice@example.com');
    expect((await http(`${url}/`)).text).toContain('alice@example.com');
  });
});
