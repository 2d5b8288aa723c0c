import { maxHeaderSize } from 'node:http';
import { OriginPool } from './origin-pool.js';

export interface UpstreamOptions {
  url: string;
  weight: number;
  connectTimeout: number;
  maxFails: number;
  ejectFor: number;
}

/**
 * One origin server: a keep-alive connection pool plus the health state the balancer reads.
 * Passive ejection: `maxFails` consecutive failures take it out of rotation for `ejectFor` ms.
 * Active checks flip `healthy` after their thresholds.
 */
export class Upstream {
  readonly url: string;
  readonly origin: string;
  readonly host: string;
  readonly weight: number;
  readonly pool: OriginPool;
  inflight = 0;
  /** Active health state (true until a health check says otherwise). */
  healthy = true;
  private consecutiveFails = 0;
  private ejectedUntil = 0;
  private readonly maxFails: number;
  private readonly ejectFor: number;

  constructor(options: UpstreamOptions) {
    const u = new URL(options.url);
    this.url = options.url;
    this.origin = u.origin;
    this.host = u.host;
    this.weight = options.weight;
    this.maxFails = options.maxFails;
    this.ejectFor = options.ejectFor;
    this.pool = new OriginPool(u, { connections: 256, keepAliveTimeout: 4000, connectTimeout: options.connectTimeout, maxHeaderSize });
  }

  available(now: number): boolean {
    return this.healthy && now >= this.ejectedUntil;
  }

  recordSuccess(): void {
    this.consecutiveFails = 0;
  }

  recordFailure(now: number): void {
    this.consecutiveFails++;
    if (this.consecutiveFails >= this.maxFails) {
      this.ejectedUntil = now + this.ejectFor;
      this.consecutiveFails = 0;
    }
  }

  get ejected(): boolean {
    return Date.now() < this.ejectedUntil;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
