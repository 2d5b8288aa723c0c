import { describe, expect, it } from 'vitest';
import { outcomes, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { hostBaseline } from './host-baseline.js';

describe('BWK-HOST-101 hosts failing their baseline', () => {
  it('fails hosts with failed items, passes clean ones, and skips hosts never scanned', () => {
    const s = snapshotWith((x) => {
      x.hosts = {
        available: true,
        source: 'hosts_hosts',
        items: [
          { id: 'h1', name: 'web-1', baselineFailures: [{ policy: 'cis_debian12', id: '1.1.1', title: 'Ensure cramfs is disabled' }], criticalVulnerabilities: null },
          { id: 'h2', name: 'web-2', baselineFailures: [], criticalVulnerabilities: null },
          { id: 'h3', name: 'new', baselineFailures: null, criticalVulnerabilities: null },
        ],
      };
    });
    expect(outcomes(hostBaseline, s)).toEqual({ 'bulwark:host/h1': 'fail', 'bulwark:host/h2': 'pass', 'bulwark:host/h3': 'not_applicable' });
  });

  it('is not applicable when no host is enrolled', () => {
    expect(hostBaseline.evaluate(snapshotWith(() => undefined))[0]?.status).toBe('not_applicable');
  });
});
