import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { GatewayConfig } from '../../config/gateway.js';
import type { Logger } from '../../core/logger.js';
import { packageVersion } from '../../core/package-version.js';
import { signedPost, type AccessKey } from '../../events/client.js';
import type { GatewayStatusReport } from '../../sites/gateway-status.js';
import { GATEWAY_REPORT_INTERVAL_SECONDS, GATEWAY_STATUS_PATH, REPORT_GATEWAY_STATUS_ACTION } from '../../sites/paths.js';
import type { GatewayStatus } from '../gateway.js';

/** What a status report says, without the gateway's identity (added by the reporter). */
export type GatewayStatusBody = Omit<GatewayStatusReport, 'gatewayId' | 'version'>;

/** A gateway id stable for the life of this process: the host name (sanitised) and a random suffix. */
export function newGatewayId(): string {
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100) || 'gateway';
  return `${host}.${randomBytes(4).toString('hex')}`;
}

/** The report of a single-process gateway: its own listeners and upstream health. */
export function reportFromGateway(status: GatewayStatus): GatewayStatusBody {
  return { health: 'reported', ...status };
}

/**
 * The report of a cluster primary before any worker sent its state: the listeners and sites from the
 * configuration in force with `health: "unknown"`.
 */
export function reportFromConfig(config: GatewayConfig): GatewayStatusBody {
  return {
    health: 'unknown',
    listeners: config.listen.map((l) => ({ address: l.address, tls: l.tls !== undefined, http2: l.tls?.http2 === true })),
    sites: config.sites.map((s) => ({ name: s.name, upstreams: s.upstreams.map((u) => ({ url: (typeof u === 'string' ? u : u.url).replace(/\/$/, '') })) })),
  };
}

export interface StatusReporterOptions {
  server: string;
  key: AccessKey;
  logger: Logger;
  /** Reads the status to report, at each report. */
  collect: () => GatewayStatusBody;
  /** Between reports, in ms (default 15 s). */
  intervalMs?: number;
  gatewayId?: string;
}

/**
 * Reports the managed gateway's status (`POST /api/gateway/status`) every interval. A failed report
 * is logged (debug when the server is unreachable, warn when it refuses) and never touches traffic.
 */
export class StatusReporter {
  readonly gatewayId: string;
  /** Reports the server accepted (tests). */
  reported = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;

  constructor(private readonly options: StatusReporterOptions) {
    this.gatewayId = options.gatewayId ?? newGatewayId();
  }

  /** Sends one report now; `true` when the server accepted it. Never throws. */
  reportNow(): Promise<boolean> {
    this.running ??= this.send().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async send(): Promise<boolean> {
    const { server, key, logger } = this.options;
    try {
      const report: GatewayStatusReport = { gatewayId: this.gatewayId, version: packageVersion(), ...this.options.collect() };
      const { status, json } = await signedPost(server, GATEWAY_STATUS_PATH, Buffer.from(JSON.stringify(report)), 'application/json', key, REPORT_GATEWAY_STATUS_ACTION);
      if (status >= 200 && status < 300) {
        this.reported++;
        return true;
      }
      logger.warn({ status, code: (json as { Code?: string }).Code }, 'the server refused the gateway status report');
    } catch (e) {
      logger.debug({ reason: (e as Error).message }, 'cannot report the gateway status yet');
    }
    return false;
  }

  /** Reports every interval from now on (the first report is the caller's `reportNow()`). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.reportNow(), this.options.intervalMs ?? GATEWAY_REPORT_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
