import { describe, expect, it } from 'vitest';
import type { GatewayStatus } from './gateway.js';
import { mergeWorkerStatus } from './worker-status.js';

const worker = (healthy: boolean, ejected: boolean, inFlight: number): GatewayStatus => ({
  listeners: [{ address: '0.0.0.0:443', tls: true, http2: true }],
  sites: [{ name: 'shop', upstreams: [{ url: 'http://a', healthy, ejected, inFlight }, { url: 'http://b', healthy: true, ejected: false, inFlight: 1 }] }],
});

describe('cluster status from the workers', () => {
  it('is unknown until a worker reports', () => {
    expect(mergeWorkerStatus([])).toBeUndefined();
  });

  it('an upstream is healthy only when every worker sees it healthy; ejected when any ejected it; in-flight requests add up', () => {
    expect(mergeWorkerStatus([worker(true, false, 2), worker(false, true, 3)])).toEqual({
      listeners: [{ address: '0.0.0.0:443', tls: true, http2: true }],
      sites: [{ name: 'shop', upstreams: [{ url: 'http://a', healthy: false, ejected: true, inFlight: 5 }, { url: 'http://b', healthy: true, ejected: false, inFlight: 2 }] }],
    });
    expect(mergeWorkerStatus([worker(true, false, 0), worker(true, false, 0)])?.sites[0]?.upstreams[0]).toEqual({ url: 'http://a', healthy: true, ejected: false, inFlight: 0 });
  });
});
