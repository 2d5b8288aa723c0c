import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrigin, type DemoOrigin } from './demo-origin.js';
import { devGatewayConfig } from './dev-site.js';
import { startGateway, type RunningGateway } from './gateway.js';

describe('bulwark dev gateway without a CRS (built-in rules)', () => {
  let dir: string;
  let origin: DemoOrigin;
  let gateway: RunningGateway;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-devsite-'));
    origin = await startDemoOrigin({ host: '127.0.0.1', port: 0 });
    gateway = await startGateway(devGatewayConfig({ listen: '127.0.0.1:0', originUrl: origin.url, dataDir: dir, crsDir: null }));
  });
  afterAll(async () => {
    await gateway.stop();
    await origin.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('blocks SQL injection and XSS with a request id and lets normal traffic through', async () => {
    const sqli = await fetch(`${gateway.urls[0]}/?id=1'%20or%201=1--`);
    expect(sqli.status).toBe(403);
    expect(await sqli.text()).toContain(sqli.headers.get('x-request-id')!);
    expect((await fetch(`${gateway.urls[0]}/?q=%3Cscript%3Ealert(1)%3C/script%3E`)).status).toBe(403);
    const ok = await fetch(`${gateway.urls[0]}/api/echo?q=hello%20world`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ query: { q: 'hello world' } });
  });
});
