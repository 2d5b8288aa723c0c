/**
 * Wakes long-polling gateways when an account's configuration revision moves (in this process).
 * Other server instances are caught by the route re-reading the revision on a short interval.
 */
export class RevisionSignal {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(accountId: string, _revision: number): void {
    const set = this.waiters.get(accountId);
    if (!set) return;
    this.waiters.delete(accountId);
    for (const wake of set) wake();
  }

  /** Resolves on the next change of the account, after `ms`, or when `signal` aborts — whichever is first. */
  wait(accountId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(accountId);
      if (!set) this.waiters.set(accountId, (set = new Set()));
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.get(accountId)?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }

  /** Number of parked waiters (metrics, tests). */
  get waiting(): number {
    let n = 0;
    for (const s of this.waiters.values()) n += s.size;
    return n;
  }
}
