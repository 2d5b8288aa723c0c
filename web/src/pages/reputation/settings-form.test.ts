import { describe, expect, it } from 'vitest';
import type { ReputationSettings } from './api.js';
import { normalizeSettings, settingsChanges } from './settings-form.js';

const base: ReputationSettings = {
  weights: {},
  halfLifeSeconds: 3600,
  banScore: 10,
  logScore: 5,
  banSeconds: 14400,
  repeatFactor: 2,
  maxBanSeconds: 604800,
  crawlers: { enabled: false },
  scenarios: { httpProbing: { capacity: 20, leakSeconds: 10 } },
};

describe('reputation settings form', () => {
  it('drops empty weights and empty crawler suffixes', () => {
    const v = normalizeSettings({ ...base, weights: { waf: 3, cc: undefined, probe: null as unknown as number }, crawlers: { enabled: true, suffixes: [' .googlebot.com ', ''] } });
    expect(v.weights).toEqual({ waf: 3 });
    expect(v.crawlers).toEqual({ enabled: true, suffixes: ['.googlebot.com'] });
    expect(normalizeSettings({ ...base, crawlers: { enabled: false, suffixes: [] } }).crawlers).toEqual({ enabled: false });
  });

  it('lists exactly the settings that change', () => {
    expect(settingsChanges(base, { ...base })).toEqual([]);
    const changes = settingsChanges(base, { ...base, banScore: 20, weights: { waf: 4 }, scenarios: { httpProbing: { capacity: 40, leakSeconds: 10 } } });
    expect(changes).toEqual([
      { path: 'weights.waf', kind: 'changed', before: '2', after: '4' },
      { path: 'banScore', kind: 'changed', before: '10', after: '20' },
      { path: 'scenarios.httpProbing.capacity', kind: 'changed', before: '20', after: '40' },
    ]);
    // a weight set to its default is no change
    expect(settingsChanges(base, { ...base, weights: { cc: 2 } })).toEqual([]);
  });
});
