import { overSection, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-HOST-102';

export const hostCriticalVulns: PlatformCheck = {
  id: ID,
  title: 'No host has a critical vulnerability',
  severity: 'critical',
  source: 'platform',
  resourceTypes: ['bulwark:host'],
  rationale: 'Critical vulnerabilities are exploited within days of disclosure; they need patching first.',
  remediation: {
    console: 'Hosts → the host → Vulnerabilities: upgrade the affected packages (the fixed version is listed), then rescan.',
    cli: 'apt-get install --only-upgrade <package>   # or dnf upgrade <package>; then bulwark agent scan --once',
  },
  evaluate(s) {
    return overSection(ID, s.hosts, 'host', (h) => {
      if (h.criticalVulnerabilities === null) return result(ID, 'not_applicable', { id: `bulwark:host/${h.id}`, type: 'bulwark:host' }, `no vulnerability data for ${h.name}`, { scanned: false });
      const n = h.criticalVulnerabilities.length;
      return result(ID, n === 0 ? 'pass' : 'fail', { id: `bulwark:host/${h.id}`, type: 'bulwark:host' }, n === 0 ? `${h.name} has no critical vulnerability` : `${h.name} has ${n} critical vulnerabilit${n === 1 ? 'y' : 'ies'}`, { vulnerabilities: h.criticalVulnerabilities.slice(0, 50), count: n });
    });
  },
};
