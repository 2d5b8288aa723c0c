import { describe, expect, it } from 'vitest';
import { LeakyBucketEngine, SWEEP_EVERY, type Scenario } from './leaky-bucket.js';

interface Ev {
  ip: string;
  user?: string;
  ok?: boolean;
}

const S = 1000;

function bruteforce(extra: Partial<Scenario<Ev>> = {}): Scenario<Ev> {
  return { name: 'bf', capacity: 3, leakMs: 10 * S, groupBy: (e) => e.ip, ...extra };
}

describe('LeakyBucketEngine', () => {
  it('overflows on capacity + 1 events of one group and returns the events that filled it', () => {
    const engine = new LeakyBucketEngine([bruteforce()]);
    for (let i = 0; i < 3; i++) expect(engine.pour({ ip: '10.0.0.1' }, i * S)).toEqual([]);
    const [overflow] = engine.pour({ ip: '10.0.0.1' }, 3 * S);
    expect(overflow).toMatchObject({ scenario: 'bf', key: '10.0.0.1', at: 3 * S });
    expect(overflow!.events.map((e) => e.at)).toEqual([0, S, 2 * S, 3 * S]);
    // the bucket starts empty again
    expect(engine.pour({ ip: '10.0.0.1' }, 4 * S)).toEqual([]);
  });

  it('keeps groups apart', () => {
    const engine = new LeakyBucketEngine([bruteforce()]);
    const out = [];
    for (let i = 0; i < 4; i++) out.push(...engine.pour({ ip: i % 2 === 0 ? '10.0.0.1' : '10.0.0.2' }, i * S));
    expect(out).toEqual([]);
    expect(engine.size).toBe(2);
  });

  it('leaks one event per leak period, so a slow enough rate never overflows', () => {
    const engine = new LeakyBucketEngine([bruteforce()]);
    const out = [];
    for (let i = 0; i < 50; i++) out.push(...engine.pour({ ip: '10.0.0.1' }, i * 10 * S));
    expect(out).toEqual([]);
    // a bit faster than the leak: the bucket fills up and overflows
    const fast = new LeakyBucketEngine([bruteforce()]);
    const hits = [];
    for (let i = 0; i < 50; i++) hits.push(...fast.pour({ ip: '10.0.0.1' }, i * 6 * S));
    expect(hits.length).toBeGreaterThan(0);
  });

  it('counts distinct keys only', () => {
    const spray: Scenario<Ev> = { name: 'spray', capacity: 2, leakMs: 60 * S, groupBy: (e) => e.ip, distinct: (e) => e.user };
    const engine = new LeakyBucketEngine([spray]);
    // the same user many times: no overflow
    for (let i = 0; i < 10; i++) expect(engine.pour({ ip: '10.0.0.9', user: 'root' }, i * S)).toEqual([]);
    expect(engine.pour({ ip: '10.0.0.9', user: 'admin' }, 11 * S)).toEqual([]);
    const [overflow] = engine.pour({ ip: '10.0.0.9', user: 'oracle' }, 12 * S);
    expect(overflow!.distinctKeys).toEqual(['root', 'admin', 'oracle']);
    // events without a distinct key are ignored by a distinct scenario
    expect(engine.pour({ ip: '10.0.0.9' }, 13 * S)).toEqual([]);
  });

  it('filters events and skips those without a group key', () => {
    const engine = new LeakyBucketEngine([bruteforce({ capacity: 0, filter: (e) => e.ok !== true, groupBy: (e) => (e.ip === '-' ? undefined : e.ip) })]);
    expect(engine.pour({ ip: '10.0.0.1', ok: true }, 0)).toEqual([]);
    expect(engine.pour({ ip: '-' }, 0)).toEqual([]);
    expect(engine.pour({ ip: '10.0.0.1' }, 0)).toHaveLength(1);
  });

  it('stays quiet for the blackhole duration after an overflow', () => {
    const engine = new LeakyBucketEngine([bruteforce({ capacity: 1, blackholeMs: 60 * S })]);
    let count = 0;
    for (let i = 0; i < 40; i++) count += engine.pour({ ip: '10.0.0.1' }, i * S).length;
    // overflow at t=1s, then silent until t=61s (beyond the loop)
    expect(count).toBe(1);
    count += engine.pour({ ip: '10.0.0.1' }, 61 * S).length + engine.pour({ ip: '10.0.0.1' }, 61 * S).length;
    expect(count).toBe(2);
  });

  it('runs several scenarios over the same stream', () => {
    const engine = new LeakyBucketEngine<Ev>([bruteforce({ name: 'a', capacity: 1 }), bruteforce({ name: 'b', capacity: 2 })]);
    engine.pour({ ip: '1.1.1.1' }, 0);
    expect(engine.pour({ ip: '1.1.1.1' }, 1).map((o) => o.scenario)).toEqual(['a']);
    expect(engine.pour({ ip: '1.1.1.1' }, 2).map((o) => o.scenario)).toEqual(['b']);
  });

  it("bounds memory: at most maxBuckets per scenario (the oldest go), empty buckets swept", () => {
    const engine = new LeakyBucketEngine([bruteforce()], 100);
    for (let i = 0; i < 1000; i++) engine.pour({ ip: `10.0.${i >> 8}.${i & 255}` }, i);
    expect(engine.size).toBeLessThanOrEqual(100);
    engine.sweep(1000 + 11 * S);
    expect(engine.size).toBe(0);
  });

  it('sweeps leaked-empty buckets by itself every SWEEP_EVERY pours', () => {
    const engine = new LeakyBucketEngine([bruteforce()]);
    // one event per source, each 11 s apart: every bucket has leaked empty by the next pour
    for (let i = 0; i < SWEEP_EVERY; i++) engine.pour({ ip: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` }, i * 11 * S);
    expect(engine.size).toBeLessThanOrEqual(1);
  });

  it('rejects nonsense scenarios', () => {
    expect(() => new LeakyBucketEngine([bruteforce({ leakMs: 0 })])).toThrow(/leakMs/);
    expect(() => new LeakyBucketEngine([bruteforce({ capacity: -1 })])).toThrow(/capacity/);
  });
});
