import { dirname, resolve } from 'node:path';
import { gatewayConfig, managedGatewayConfig, type GatewayConfig } from '../config/gateway.js';
import { loadConfig } from '../config/load.js';
import { BulwarkError } from '../core/errors.js';

export interface LoadedGatewayConfig {
  config: GatewayConfig;
  /** Folder relative TLS paths resolve from. */
  baseDir: string;
}

/** Default listener of a managed gateway started without a config file. */
export const MANAGED_DEFAULT_LISTEN = '127.0.0.1:8080';

const redisFrom = (env: NodeJS.ProcessEnv): Record<string, string> => (env.BULWARK_REDIS_URL ? { BULWARK_REDIS_URL: env.BULWARK_REDIS_URL } : {});

/** Reads and validates a gateway YAML file; only `BULWARK_REDIS_URL` is taken from the environment. */
export function loadGatewayConfig(file: string, env: NodeJS.ProcessEnv, flags: { workers?: number | undefined } = {}): LoadedGatewayConfig {
  const config = loadConfig(gatewayConfig, { file, env: redisFrom(env), flags: { workers: flags.workers } });
  return { config, baseDir: dirname(resolve(file)) };
}

/**
 * The local part of a managed gateway's configuration: the optional YAML file (listeners, limits,
 * logs, possibly local sites) or, without one, a single listener (`--listen`, default 127.0.0.1:8080).
 */
export function loadManagedBase(file: string | undefined, env: NodeJS.ProcessEnv, flags: { workers?: number | undefined; listen?: string | undefined } = {}): LoadedGatewayConfig {
  const listen = flags.listen ?? (file ? undefined : MANAGED_DEFAULT_LISTEN);
  const config = loadConfig(managedGatewayConfig, {
    ...(file ? { file } : {}),
    env: redisFrom(env),
    flags: { workers: flags.workers, ...(listen ? { listen: [{ address: listen }] } : {}) },
  });
  return { config, baseDir: file ? dirname(resolve(file)) : process.cwd() };
}

/** The local configuration with the server's sites after its own (names must stay unique) and its bans added. */
export function withManagedSites(base: GatewayConfig, sites: readonly unknown[], server: string, bans: readonly string[] = []): GatewayConfig {
  const r = managedGatewayConfig.safeParse({ ...base, sites: [...base.sites, ...sites], bans: [...base.bans, ...bans] });
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new BulwarkError('Gateway.ManagedConfig', { server, reason: `${issue.path.map(String).join('.')}: ${issue.message}` });
}
