import type { HostChange } from '../../hosts/changes.js';
import type { HostMatchResult } from './host-findings.js';
import type { Severity } from './severity.js';

/** Event severity (0–100) of a newly vulnerable package. */
const EVENT_SEVERITY: Readonly<Record<Severity, number>> = { critical: 90, high: 73, medium: 47, low: 21, negligible: 5, unknown: 30 };

/**
 * A host report's vulnerability changes as host changes (history rows and ECS events with
 * `vulnerability.*` and `package.*`): `vulnerability-opened`, `vulnerability-resolved`.
 */
export function vulnHostChanges(result: HostMatchResult): HostChange[] {
  const opened = result.opened.map((f) => ({
    kind: 'vulnerability-opened',
    summary: `${f.package} ${f.installedVersion} is vulnerable to ${f.advisoryId}${f.aliases.length > 0 ? ` (${f.aliases.join(', ')})` : ''}: ${f.fixedVersion ? `fixed in ${f.fixedVersion}` : 'no fix yet'}`,
    detail: { advisoryId: f.advisoryId, aliases: f.aliases, package: f.package, installedVersion: f.installedVersion, fixedVersion: f.fixedVersion, severity: f.severity, score: f.score, remediation: f.remediation },
    ecs: {
      'vulnerability.id': f.advisoryId,
      'vulnerability.severity': f.severity,
      ...(f.score !== null ? { 'vulnerability.score.base': f.score } : {}),
      'package.name': f.package,
      'package.version': f.installedVersion,
    },
    severity: EVENT_SEVERITY[f.severity],
  }));
  const resolved = result.resolved.map((r) => ({
    kind: 'vulnerability-resolved',
    summary: `${r.package} is no longer vulnerable to ${r.advisoryId}`,
    detail: { advisoryId: r.advisoryId, package: r.package, installedVersion: r.installedVersion },
    ecs: { 'vulnerability.id': r.advisoryId, 'package.name': r.package },
    severity: 0,
  }));
  return [...opened, ...resolved];
}
