import type { Upstream } from './upstream.js';

export type BalanceMode = 'round_robin' | 'least_conn' | 'weighted';

/**
 * Picks the next upstream among the available ones, skipping those already tried for this request.
 * When none is available (all ejected or failing health checks) it falls back to every untried
 * upstream rather than refusing outright: a wrong health verdict must not take a site down.
 */
export class Balancer {
  private next = 0;
  private readonly current: number[];

  constructor(
    private readonly mode: BalanceMode,
    private readonly upstreams: readonly Upstream[],
  ) {
    this.current = upstreams.map(() => 0);
  }

  pick(exclude: ReadonlySet<Upstream> | undefined, now = Date.now()): Upstream | undefined {
    const list = this.upstreams;
    let candidates = 0;
    for (const u of list) if (u.available(now) && !exclude?.has(u)) candidates++;
    const usable = (u: Upstream): boolean => !exclude?.has(u) && (candidates === 0 || u.available(now));
    switch (this.mode) {
      case 'round_robin': {
        for (let i = 0; i < list.length; i++) {
          const idx = (this.next + i) % list.length;
          const u = list[idx] as Upstream;
          if (usable(u)) {
            this.next = (idx + 1) % list.length;
            return u;
          }
        }
        return undefined;
      }
      case 'least_conn': {
        let best: Upstream | undefined;
        // Start at a rotating offset so ties spread instead of always hitting the first upstream.
        const start = this.next++ % list.length;
        for (let i = 0; i < list.length; i++) {
          const u = list[(start + i) % list.length] as Upstream;
          if (usable(u) && (best === undefined || u.inflight / u.weight < best.inflight / best.weight)) best = u;
        }
        return best;
      }
      case 'weighted': {
        // Smooth weighted round robin (as in nginx): even spread, exact proportions.
        let total = 0;
        let bestIdx = -1;
        for (let i = 0; i < list.length; i++) {
          const u = list[i] as Upstream;
          if (!usable(u)) continue;
          this.current[i] = (this.current[i] as number) + u.weight;
          total += u.weight;
          if (bestIdx < 0 || (this.current[i] as number) > (this.current[bestIdx] as number)) bestIdx = i;
        }
        if (bestIdx < 0) return undefined;
        this.current[bestIdx] = (this.current[bestIdx] as number) - total;
        return list[bestIdx];
      }
    }
  }
}
