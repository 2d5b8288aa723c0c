import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, gateway, http } from './test-support/harness.js';

const CRS = fileURLToPath(new URL('../../../shared/corpora/crs', import.meta.url));
const hasCrs = existsSync(`${CRS}/rules`);
if (!hasCrs) console.warn('[gateway] ../shared/corpora/crs is absent: skipping the CRS outbound test');

/** An application that leaks: an SQL error page, a secret marker, a big page, a gzip body. */
let app: Server;
let appUrl: string;
beforeAll(async () => {
  app = createServer((req, res) => {
    if (req.url === '/sql-error') {
      res.setHeader('content-type', 'text/html');
      return res.end('<html><body>You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near \'\'\' at line 1</body></html>');
    }
    if (req.url === '/marker') {
      res.setHeader('content-type', 'text/plain');
      return res.end('account data: LEAK-MARKER-42');
    }
    if (req.url === '/big') {
      res.setHeader('content-type', 'text/plain');
      res.write('x'.repeat(2000));
      return res.end('LEAK-MARKER-42');
    }
    if (req.url === '/teapot') {
      res.statusCode = 418;
      return res.end('short and stout');
    }
    if (req.url === '/image') {
      res.setHeader('content-type', 'image/png');
      return res.end('LEAK-MARKER-42');
    }
    res.setHeader('content-type', 'text/plain');
    res.end('fine');
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => (app.closeAllConnections(), app.close(() => r()))));

const LEAK_RULE = `SecRule RESPONSE_BODY "@contains LEAK-MARKER-42" "id:2001,phase:4,deny,status:403,log,msg:'marker leaked'"`;
const HEADER_RULE = `SecRule RESPONSE_STATUS "@streq 418" "id:2002,phase:3,deny,status:403,log,msg:'teapot'"`;

describe('WAF response phases in the gateway', () => {
  it('inspects text response bodies: block mode replaces the leak with the block page, detect mode only records it', async () => {
    const g = await gateway(
      config({
        sites: [
          { name: 'blk', hosts: ['blk.test'], upstreams: [appUrl], waf: { mode: 'block', rules: [LEAK_RULE, HEADER_RULE] } },
          { name: 'det', hosts: ['det.test'], upstreams: [appUrl], waf: { mode: 'detect', rules: [LEAK_RULE] } },
        ],
      }),
    );
    try {
      const blocked = await http(`${g.url}/marker`, { headers: { host: 'blk.test' } });
      expect(blocked.status).toBe(502);
      expect(blocked.text).not.toContain('LEAK-MARKER-42');
      expect((await http(`${g.url}/ok`, { headers: { host: 'blk.test' } })).text).toBe('fine');
      // Phase 3 (status and headers) blocks with the rule's own status before any body is read.
      expect((await http(`${g.url}/teapot`, { headers: { host: 'blk.test' } })).status).toBe(403);
      // Not a text MIME type: not inspected (SecResponseBodyMimeType).
      expect((await http(`${g.url}/image`, { headers: { host: 'blk.test' } })).status).toBe(200);
      const detected = await http(`${g.url}/marker`, { headers: { host: 'det.test' } });
      expect(detected.status).toBe(200);
      expect(detected.text).toContain('LEAK-MARKER-42');
      await g.gw.stop();
      const byPath = (site: string, path: string) => g.log.events.find((e) => (e.bulwark as { site: string }).site === site && (e.url as { path: string }).path === path)!;
      expect((byPath('blk', '/marker').bulwark as { rules: string[] }).rules).toContain('waf:2001');
      expect((byPath('det', '/marker').bulwark as { rules: string[] }).rules).toContain('waf:2001');
      expect((byPath('blk', '/image').bulwark as { rules: string[] }).rules).not.toContain('waf:2001');
    } finally {
      await g.gw.stop();
    }
  });

  it('inspects only up to the response body limit, then streams the rest unchecked (ProcessPartial)', async () => {
    const g = await gateway(config({ sites: [{ name: 's', upstreams: [appUrl], waf: { mode: 'block', rules: ['SecResponseBodyLimit 1000', LEAK_RULE] } }] }));
    try {
      const r = await http(`${g.url}/big`);
      expect(r.status).toBe(200);
      expect(r.text.length).toBe(2000 + 'LEAK-MARKER-42'.length);
    } finally {
      await g.gw.stop();
    }
  });

  it.runIf(hasCrs)('blocks an SQL error page with the CRS outbound rules (RESPONSE-951)', async () => {
    const g = await gateway(config({ sites: [{ name: 'crs', upstreams: [appUrl], waf: { mode: 'block', crs: CRS, paranoia: 1 } }] }));
    try {
      expect((await http(`${g.url}/ok`)).status).toBe(200);
      const r = await http(`${g.url}/sql-error`);
      expect(r.status).toBe(502);
      expect(r.text).not.toContain('SQL syntax');
      await g.gw.stop();
      const ev = g.log.events.find((e) => (e.url as { path: string }).path === '/sql-error')!;
      expect((ev.bulwark as { rules: string[] }).rules.some((id) => /^waf:951\d+$/.test(id))).toBe(true);
    } finally {
      await g.gw.stop();
    }
  });
});
