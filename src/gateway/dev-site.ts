import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayConfig, type GatewayConfig } from '../config/gateway.js';
import { DEBIAN_CRS_DIR } from '../waf/waf.js';

/**
 * Rules used by `bulwark dev` when no OWASP CRS is installed: libinjection SQLi/XSS detection on
 * every argument, so the first-five-minutes check (`?id=1' or 1=1--` → 403) works out of the box.
 */
export const FALLBACK_DEV_RULES = [
  'SecRule ARGS|ARGS_NAMES|REQUEST_COOKIES "@detectSQLi" "id:9000001,phase:2,deny,status:403,t:none,t:urlDecodeUni,log,msg:\'SQL injection (libinjection)\',tag:\'attack-sqli\'"',
  'SecRule ARGS|ARGS_NAMES|REQUEST_COOKIES "@detectXSS" "id:9000002,phase:2,deny,status:403,t:none,t:urlDecodeUni,t:htmlEntityDecode,log,msg:\'XSS (libinjection)\',tag:\'attack-xss\'"',
];

/** The CRS `bulwark dev` uses: `<dataDir>/crs` (from `bulwark waf crs install`), else Debian's package. */
export function findDevCrs(dataDir: string): string | undefined {
  for (const dir of [join(dataDir, 'crs'), DEBIAN_CRS_DIR]) if (existsSync(join(dir, 'rules'))) return dir;
  return undefined;
}

/** A one-site gateway in front of the demo origin: WAF blocking, anti-CC, access log to stderr-free NDJSON file. */
export function devGatewayConfig(options: { listen: string; originUrl: string; dataDir: string; /** null: built-in rules even when a CRS exists */ crsDir?: string | null }): GatewayConfig {
  const crsDir = options.crsDir === null ? undefined : (options.crsDir ?? findDevCrs(options.dataDir));
  return gatewayConfig.parse({
    workers: 1,
    listen: [{ address: options.listen }],
    accessLog: { stdout: false, file: join(options.dataDir, 'gateway-access.ndjson') },
    logLevel: 'warn',
    sites: [
      {
        name: 'demo',
        hosts: ['*'],
        upstreams: [options.originUrl],
        rateLimits: [{ id: 'per-ip', key: 'ip', limit: 300, window: '10s', block: '60s' }],
        waf: crsDir ? { mode: 'block', crsDir, paranoia: 1 } : { mode: 'block', rules: FALLBACK_DEV_RULES },
        wordpress: { blockPingback: true },
      },
    ],
  });
}
