import { overSection, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-HOST-101';

export const hostBaseline: PlatformCheck = {
  id: ID,
  title: 'Hosts pass their security baseline',
  severity: 'medium',
  source: 'platform',
  resourceTypes: ['bulwark:host'],
  rationale: 'Baseline (CIS-style hardening) failures are the misconfigurations attackers use after a first foothold.',
  remediation: {
    console: 'Hosts → the host → Baseline: apply each failed item\'s remediation, then rescan.',
    cli: 'bulwark agent scan --once   # on the host, after fixing',
  },
  evaluate(s) {
    return overSection(ID, s.hosts, 'host', (h) => {
      if (h.baselineFailures === null) return result(ID, 'not_applicable', { id: `bulwark:host/${h.id}`, type: 'bulwark:host' }, `${h.name} has not reported a baseline scan`, { scanned: false });
      const n = h.baselineFailures.length;
      return result(ID, n === 0 ? 'pass' : 'fail', { id: `bulwark:host/${h.id}`, type: 'bulwark:host' }, n === 0 ? `${h.name} passes its baseline` : `${h.name} fails ${n} baseline item(s)`, { failures: h.baselineFailures.slice(0, 50), failureCount: n });
    });
  },
};
