import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { openPlatform, type Platform } from './platform.js';
import { capturedLogger } from './test-support/capture.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';

describe('server app', () => {
  let dir: string;
  let platform: Platform;
  let app: FastifyInstance;
  let log: ReturnType<typeof capturedLogger>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-app-'));
    log = capturedLogger();
    platform = await openPlatform({ dataDir: dir, logger: log.logger });
    app = await buildApp({ platform });
  });
  afterEach(async () => {
    await app.close();
    await platform.storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers liveness and readiness', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', storage: 'sqlite' });
  });

  it('reports not ready when storage is gone', async () => {
    await platform.storage.close();
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
  });

  it('exposes Prometheus metrics with request counts, latency and pool', async () => {
    await app.inject({ url: '/healthz' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/bulwark_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
    expect(res.body).toContain('bulwark_http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/bulwark_storage_pool_connections\{state="total",dialect="sqlite"\} 1/);
  });

  it('counts repeated requests per method, route pattern and status, and times each of them', async () => {
    for (let i = 0; i < 3; i++) await app.inject({ url: '/healthz' });
    await app.inject({ method: 'POST', url: '/healthz' });
    await app.inject({ url: '/nowhere' });
    await app.inject({ url: '/elsewhere' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.body).toMatch(/bulwark_http_requests_total\{method="GET",route="\/healthz",status="200"\} 3/);
    expect(res.body).toMatch(/bulwark_http_requests_total\{method="POST",route="unmatched",status="404"\} 1/);
    expect(res.body).toMatch(/bulwark_http_requests_total\{method="GET",route="unmatched",status="404"\} 2/);
    expect(res.body).toMatch(/bulwark_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} 3/);
    expect(res.body).toMatch(/bulwark_http_request_duration_seconds_count\{method="GET",route="unmatched"\} 2/);
  });

  it('gives every request an id, echoing a plain client id and rejecting odd ones', async () => {
    const own = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abcdef12-3456' } });
    expect(own.headers['x-request-id']).toBe('abcdef12-3456');
    const odd = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\u0000' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9A-F-]{36}$/);
    expect(log.text()).toContain('"reqId":"abcdef12-3456"');
  });

  it('renders unknown routes as an Alibaba error body', async () => {
    const res = await app.inject({ url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ Code: 'InvalidAction.NotFound', RequestId: res.headers['x-request-id'], HostId: platform.hostId });
  });

  it('keeps secrets sent in a request out of the log', async () => {
    app.post('/echo-log', async (req) => {
      req.log.info({ body: req.body, headers: req.headers }, 'handler saw the request');
      req.log.info(`raw message with a key ${PEM}`);
      return { ok: true };
    });
    const secrets = ['Bearer-TopSecretToken', 'AKSECRET-1234567890abcdef', 'PlainText-Data-42', 'Hunter2-Password', 'STS.TokenValue-xyz', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'];
    const res = await app.inject({
      method: 'POST',
      url: `/echo-log?AccessKeySecret=${secrets[1]}&SecurityToken=${secrets[4]}&Action=Test`,
      headers: { authorization: secrets[0], 'content-type': 'application/json' },
      payload: { Plaintext: secrets[2], password: secrets[3], privateKey: PEM, nested: { AccessKeySecret: secrets[1] } },
    });
    expect(res.statusCode).toBe(200);
    const text = log.text();
    expect(text).toContain('handler saw the request');
    expect(text).toContain('Action=Test');
    for (const secret of secrets) expect(text, `log leaks ${secret}`).not.toContain(secret);
  });
});
