import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS, boundMs, histogramInterval, paramsFromState, stateFromParams } from './search-state.js';

describe('search state in the URL', () => {
  it('round-trips, leaving defaults out of the URL', () => {
    const state = { query: 'user.name:"a b"', from: '-7d', to: '2026-11-28T00:00:00.000Z', columns: ['source.ip', 'user.name'] };
    const params = paramsFromState(state);
    expect(params.toString()).toBe('q=user.name%3A%22a+b%22&from=-7d&to=2026-11-28T00%3A00%3A00.000Z&cols=source.ip%2Cuser.name');
    expect(stateFromParams(new URLSearchParams(params.toString()))).toEqual(state);
    expect(paramsFromState(stateFromParams(new URLSearchParams())).toString()).toBe('');
    expect(stateFromParams(new URLSearchParams()).columns).toEqual(DEFAULT_COLUMNS);
  });

  it('reads time bounds and picks a histogram interval of at most 60 bars', () => {
    const now = Date.UTC(2026, 10, 28, 12);
    expect(boundMs('now', now)).toBe(now);
    expect(boundMs('-15m', now)).toBe(now - 900_000);
    expect(boundMs('2026-11-28T00:00:00Z', now)).toBe(Date.UTC(2026, 10, 28));
    expect(boundMs('soon', now)).toBeUndefined();
    expect(histogramInterval('-15m', 'now', now)).toBe('30s');
    expect(histogramInterval('-1h', 'now', now)).toBe('1m');
    expect(histogramInterval('-24h', 'now', now)).toBe('30m');
    expect(histogramInterval('-7d', 'now', now)).toBe('3h');
    expect(histogramInterval('-30d', 'now', now)).toBe('12h');
  });
});
