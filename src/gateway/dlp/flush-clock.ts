/** Something a flush clock calls back once its delay has passed since it was armed. */
export interface FlushTarget {
  /** Set by the clock: `performance.now()` at which the target is due. */
  flushDue: number;
  onFlushTimer(): void;
}

/**
 * One timer for every stream waiting on the same time-based flush delay, instead of a
 * `setTimeout`/`clearTimeout` pair per response. Targets are due in the order they were armed (same
 * delay, monotonic clock), so the timer only ever waits for the first one. The timer keeps the
 * process alive only while some target is armed, like a timer per target would.
 */
export class FlushClock {
  private readonly armed = new Set<FlushTarget>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly delayMs: number) {}

  /** Calls `target.onFlushTimer()` `delayMs` from now unless disarmed first; arming an armed target restarts its delay. */
  arm(target: FlushTarget): void {
    this.armed.delete(target);
    target.flushDue = performance.now() + this.delayMs;
    this.armed.add(target);
    if (this.timer === undefined) this.timer = setTimeout(this.tick, this.delayMs);
    else if (this.armed.size === 1) this.timer.ref();
  }

  disarm(target: FlushTarget): void {
    // The timer is left running (it stops when it finds nothing due) so the next response need not start one.
    if (this.armed.delete(target) && this.armed.size === 0) this.timer?.unref();
  }

  get size(): number {
    return this.armed.size;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    for (const target of this.armed) {
      const wait = target.flushDue - performance.now();
      if (wait > 0) {
        this.timer = setTimeout(this.tick, Math.ceil(wait));
        return;
      }
      this.armed.delete(target);
      target.onFlushTimer();
    }
  };
}

const clocks = new Map<number, FlushClock>();

/** The shared clock of a flush delay (one per distinct `flushAfterMs`). */
export function flushClock(delayMs: number): FlushClock {
  let clock = clocks.get(delayMs);
  if (clock === undefined) {
    clock = new FlushClock(delayMs);
    clocks.set(delayMs, clock);
  }
  return clock;
}
