import { afterEach, describe, expect, it } from 'vitest';
import { startDemoOrigin } from './demo-origin.js';
import { signOriginRequest, verifyOriginSignature } from './origin-signing.js';
import { config, gateway, http, startOrigin } from './test-support/harness.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

describe('origin protection signing', () => {
  it('signs forwarded requests so the origin can verify them; client-sent signatures are replaced', async () => {
    const o = await startOrigin('o');
    cleanup.push(() => o.stop());
    const secret = 'origin-secret-0123456789';
    const { gw, url } = await gateway(config({ sites: [{ name: 's', upstreams: [o.url], originSigning: { secretEnv: 'TEST_ORIGIN_SECRET' } }] }), { env: { TEST_ORIGIN_SECRET: secret } });
    cleanup.push(() => gw.stop());
    await http(`${url}/pay?amount=5`, { method: 'POST', body: 'x', headers: { host: 'shop.example', 'x-bulwark-signature': 't=1,v1=forged' } });
    const seen = o.seen[0]!;
    const header = seen.headers['x-bulwark-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const input = { secret, header, method: 'POST', host: 'shop.example', pathAndQuery: seen.url, requestId: seen.headers['x-request-id'] as string };
    expect(verifyOriginSignature(input)).toBe(true);
    expect(verifyOriginSignature({ ...input, pathAndQuery: '/pay?amount=500' })).toBe(false);
    expect(verifyOriginSignature({ ...input, secret: 'another-secret-0123456' })).toBe(false);
    expect(verifyOriginSignature({ ...input, nowSeconds: Math.floor(Date.now() / 1000) + 3600 })).toBe(false);
    expect(verifyOriginSignature({ ...input, header: 't=1,v1=forged' })).toBe(false);
  });

  it('refuses a config whose secret variable is missing', async () => {
    await expect(gateway(config({ sites: [{ name: 's', upstreams: ['http://127.0.0.1:1'], originSigning: { secretEnv: 'NOPE_UNSET' } }] }), { env: {} })).rejects.toMatchObject({
      code: 'InvalidConfig',
    });
    expect(signOriginRequest('k'.repeat(16), 1, 'get', 'H', '/', 'id')).toBe(signOriginRequest('k'.repeat(16), 1, 'GET', 'h', '/', 'id'));
  });
});

describe('demo origin behind the gateway', () => {
  it('serves its page and echoes query parameters as JSON through the gateway', async () => {
    const demo = await startDemoOrigin();
    cleanup.push(() => demo.stop());
    const { gw, url } = await gateway(config({ sites: [{ name: 'demo', upstreams: [demo.url] }] }));
    cleanup.push(() => gw.stop());
    const page = await http(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Bulwark demo app');
    const echo = await http(`${url}/api/echo?q=hello&n=2`);
    expect(JSON.parse(echo.text)).toMatchObject({ query: { q: 'hello', n: '2' }, path: '/api/echo' });
  });
});
