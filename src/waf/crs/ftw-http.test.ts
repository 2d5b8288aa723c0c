import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayConfig } from '../../config/gateway.js';
import { startGateway } from '../../gateway/gateway.js';
import { startEchoBackend } from './echo-backend.js';
import { runCrsRegressionHttp } from './ftw-http.js';
import { CRS_CI_SECLANG, runCrsRegression } from './ftw-runner.js';

const CRS = fileURLToPath(new URL('../../../../shared/corpora/crs', import.meta.url));
const present = existsSync(join(CRS, 'tests'));
if (!present) console.warn('[waf] ../shared/corpora/crs is absent: skipping the CRS-over-HTTP test');
const dir = mkdtempSync(join(tmpdir(), 'bw-ftw-http-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CRS regression tests through a running gateway (--http)', () => {
  it.runIf(present)('a gateway set up as CRS CI passes the same tests over HTTP as the in-process runner', async () => {
    const backend = await startEchoBackend({ host: '127.0.0.1', port: 0 });
    const accessLog = join(dir, 'access.ndjson');
    const gw = await startGateway(
      gatewayConfig.parse({
        workers: 1,
        listen: [{ address: '127.0.0.1:0' }],
        accessLog: { stdout: false, file: accessLog },
        logLevel: 'silent',
        sites: [{ name: 'crs', upstreams: [backend.url], waf: { mode: 'detect', crs: CRS, paranoia: 4, rules: [CRS_CI_SECLANG] }, maxBodySize: '1mb' }],
      }),
    );
    try {
      for (const ruleId of [942100, 941100, 930100]) {
        const viaHttp = await runCrsRegressionHttp(CRS, { url: gw.urls[0] as string, accessLog, ruleId });
        const inProcess = await runCrsRegression(CRS, { ruleId });
        expect(viaHttp.totals.tests).toBe(inProcess.totals.tests);
        expect(viaHttp.totals.tests).toBeGreaterThan(0);
        // The gateway is the real front end here; allow a test or two to differ from the emulated one.
        expect(viaHttp.totals.passed, JSON.stringify(viaHttp.results.filter((r) => !r.passed).slice(0, 3))).toBeGreaterThanOrEqual(inProcess.totals.passed - 1);
      }
    } finally {
      await gw.stop();
      await backend.stop();
    }
  });

  it('refuses targets other than loopback', async () => {
    await expect(runCrsRegressionHttp(CRS, { url: 'http://192.0.2.1:80', accessLog: join(dir, 'x') })).rejects.toMatchObject({ code: 'InvalidParameter' });
  });
});
