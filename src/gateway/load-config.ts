import { dirname, resolve } from 'node:path';
import { gatewayConfig, type GatewayConfig } from '../config/gateway.js';
import { loadConfig } from '../config/load.js';

export interface LoadedGatewayConfig {
  config: GatewayConfig;
  /** Folder relative TLS paths resolve from. */
  baseDir: string;
}

/** Reads and validates a gateway YAML file; only `BULWARK_REDIS_URL` is taken from the environment. */
export function loadGatewayConfig(file: string, env: NodeJS.ProcessEnv, flags: { workers?: number | undefined } = {}): LoadedGatewayConfig {
  const config = loadConfig(gatewayConfig, {
    file,
    env: env.BULWARK_REDIS_URL ? { BULWARK_REDIS_URL: env.BULWARK_REDIS_URL } : {},
    flags: { workers: flags.workers },
  });
  return { config, baseDir: dirname(resolve(file)) };
}
