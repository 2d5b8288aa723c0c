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

  /** GET on the upstream's own pool: the status, or 599 when it failed or took longer than the timeout. */
  private probe(u: Upstream): Promise<number> {
    const { timeout } = this.options;
    // Config paths are not parsed by llhttp: anything outside visible ASCII (spaces, CR/LF) is percent-encoded.
    const path = this.options.path.replace(/[^\x21-\x7e]/g, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
    return new Promise((resolve) => {
      let status = 599;
      const timer = setTimeout(() => {
        ex.abort();
        resolve(599);
      }, timeout);
      const settle = (s: number): void => {
        clearTimeout(timer);
        resolve(s);
      };
      const ex = u.pool.request(
        { method: 'GET', head: `GET ${path} HTTP/1.1\r\nhost: ${u.host}\r\nuser-agent: bulwark-health-check\r\n\r\n`, body: null, headersTimeout: timeout, bodyTimeout: timeout, replayable: true },
        {
          onHead: (s) => (status = s),
          onData: () => undefined,
          onEnd: () => settle(status),
          onError: () => settle(599),
        },
      );
    });
  }

  private async check(u: Upstream): Promise<void> {
    const ok = (await this.probe(u)) < 500;
    // Positive streak counts successes, negative counts failures.
    const prev = this.streak.get(u) ?? 0;
    const s = ok ? Math.max(prev, 0) + 1 : Math.min(prev, 0) - 1;
    this.streak.set(u, s);
    if (ok && !u.healthy && s >= this.options.healthyThreshold) u.healthy = true;
    if (!ok && u.healthy && -s >= this.options.unhealthyThreshold) u.healthy = false;
  }
}
