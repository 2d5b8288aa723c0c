import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlushClock, flushClock, type FlushTarget } from './flush-clock.js';

function target(log: string[], name: string): FlushTarget {
  return { flushDue: 0, onFlushTimer: () => log.push(name) };
}

describe('FlushClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls each armed target once its delay has passed, in the order armed', () => {
    const clock = new FlushClock(30);
    const log: string[] = [];
    clock.arm(target(log, 'a'));
    vi.advanceTimersByTime(15);
    clock.arm(target(log, 'b'));
    vi.advanceTimersByTime(14);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1); // a: 30 ms
    expect(log).toEqual(['a']);
    vi.advanceTimersByTime(14);
    expect(log).toEqual(['a']);
    vi.advanceTimersByTime(1); // b: 30 ms
    expect(log).toEqual(['a', 'b']);
    expect(clock.size).toBe(0);
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['a', 'b']);
  });

  it('does not call a disarmed target; arming again restarts the delay; a stopped clock starts again', () => {
    const clock = new FlushClock(30);
    const log: string[] = [];
    const a = target(log, 'a');
    const b = target(log, 'b');
    clock.arm(a);
    clock.arm(b);
    clock.disarm(a);
    vi.advanceTimersByTime(20);
    clock.arm(b); // due 30 ms from now
    vi.advanceTimersByTime(29);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['b']);
    vi.advanceTimersByTime(100); // nothing armed: the timer stopped
    clock.arm(a);
    vi.advanceTimersByTime(29);
    expect(log).toEqual(['b']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['b', 'a']);
  });

  it('is shared per delay', () => {
    expect(flushClock(123)).toBe(flushClock(123));
    expect(flushClock(123)).not.toBe(flushClock(124));
  });
});
