import { describe, expect, it } from 'vitest';
import { upstreamHealth } from './gateway-health.js';
import type { GatewayView } from './sites-api.js';

const gw = (id: string, online: boolean, health: 'reported' | 'unknown', upstreams: GatewayView['sites'][number]['upstreams']): GatewayView => ({
  gatewayId: id, version: '1', health, online, lastSeen: '2026-01-01T00:00:00Z', listeners: [], sites: [{ name: 'shop', upstreams }],
});

describe('upstream health across gateways', () => {
  it('counts online gateways: healthy and not ejected, reporting, and unknown (cluster); offline ones are ignored', () => {
    const gateways = [
      gw('a', true, 'reported', [{ url: 'http://o:1', healthy: true, ejected: false }]),
      gw('b', true, 'reported', [{ url: 'http://o:1/', healthy: true, ejected: true }]),
      gw('c', true, 'unknown', [{ url: 'http://o:1' }]),
      gw('d', false, 'reported', [{ url: 'http://o:1', healthy: true }]),
    ];
    expect(upstreamHealth(gateways, 'shop', 'http://o:1/')).toEqual({ healthy: 1, reporting: 2, unknown: 1 });
    expect(upstreamHealth(gateways, 'shop', 'http://other')).toEqual({ healthy: 0, reporting: 0, unknown: 0 });
    expect(upstreamHealth(gateways, 'blog', 'http://o:1')).toEqual({ healthy: 0, reporting: 0, unknown: 0 });
  });
});
