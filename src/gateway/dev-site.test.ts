import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  it('logs the attack detail and honours rule exclusions after a reload', async () => {
    // the access log is written in batches: wait (bounded) for the blocked request's line
    let log = '';
    for (let i = 0; i < 50 && !log.includes('9000001'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      log = existsSync(join(dir, 'gateway-access.ndjson')) ? readFileSync(join(dir, 'gateway-access.ndjson'), 'utf8') : '';
    }
    expect(log).toContain('9000001: SQL injection (libinjection)');
    const site = gateway.config.sites[0]!;
    await gateway.reload({ ...gateway.config, sites: [{ ...site, waf: { ...site.waf, exclusions: [{ id: 9000001 }] } }] });
    expect((await fetch(`${gateway.urls[0]}/?id=1'%20or%201=1--`)).status).toBe(200);
    expect((await fetch(`${gateway.urls[0]}/?q=%3Cscript%3Ealert(1)%3C/script%3E`)).status).toBe(403);
  });
});
