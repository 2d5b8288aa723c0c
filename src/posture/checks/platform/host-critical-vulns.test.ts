import { describe, expect, it } from 'vitest';
import { outcomes, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { hostCriticalVulns } from './host-critical-vulns.js';

describe('BWK-HOST-102 hosts with critical vulnerabilities', () => {
  it('fails hosts with critical vulnerabilities; unknown data is not applicable', () => {
    const s = snapshotWith((x) => {
      x.hosts = {
        available: true,
        source: 'hosts_hosts',
        items: [
          { id: 'h1', name: 'web-1', baselineFailures: [], criticalVulnerabilities: [{ id: 'CVE-2024-3094', package: 'xz-utils' }] },
          { id: 'h2', name: 'web-2', baselineFailures: [], criticalVulnerabilities: [] },
          { id: 'h3', name: 'web-3', baselineFailures: [], criticalVulnerabilities: null },
        ],
      };
    });
    expect(outcomes(hostCriticalVulns, s)).toEqual({ 'bulwark:host/h1': 'fail', 'bulwark:host/h2': 'pass', 'bulwark:host/h3': 'not_applicable' });
  });
});
