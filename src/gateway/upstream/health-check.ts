import { request } from 'undici';
import type { Upstream } from './upstream.js';

export interface HealthCheckOptions {
  path: string;
  interval: number;
  timeout: number;
  unhealthyThreshold: number;
  healthyThreshold: number;
}

/** Active health checks: GET `path` on every upstream each interval; status < 500 counts as healthy. */
export class HealthChecker {
  private timer: NodeJS.Timeout | undefined;
  private readonly streak = new Map<Upstream, number>();
  private running = false;

  constructor(
    private readonly upstreams: readonly Upstream[],
    private readonly options: HealthCheckOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.checkAll(), this.options.interval);
    this.timer.unref();
    void this.checkAll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async checkAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await Promise.all(this.upstreams.map((u) => this.check(u)));
    } finally {
      this.running = false;
    }
  }

  private async check(u: Upstream): Promise<void> {
    let ok = false;
    try {
      const res = await request(`${u.origin}${this.options.path}`, {
        method: 'GET',
        dispatcher: u.pool,
        headers: { 'user-agent': 'bulwark-health-check', host: u.host },
        headersTimeout: this.options.timeout,
        bodyTimeout: this.options.timeout,
        signal: AbortSignal.timeout(this.options.timeout),
      });
      await res.body.dump();
      ok = res.statusCode < 500;
    } catch {
      ok = false;
    }
    // Positive streak counts successes, negative counts failures.
    const prev = this.streak.get(u) ?? 0;
    const s = ok ? Math.max(prev, 0) + 1 : Math.min(prev, 0) - 1;
    this.streak.set(u, s);
    if (ok && !u.healthy && s >= this.options.healthyThreshold) u.healthy = true;
    if (!ok && u.healthy && -s >= this.options.unhealthyThreshold) u.healthy = false;
  }
}
