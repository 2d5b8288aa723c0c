import type { Advisory, AffectedRange } from './advisory.js';
import { PACKAGE_MANAGER, type DistroRelease } from './ecosystem.js';
import type { InstalledPackage } from './installed-package.js';
import { SEVERITY_ORDER, type Severity } from './severity.js';
import { VERSION_COMPARATORS, type PackageManager } from './version/compare.js';

/** One vulnerable installed package. */
export interface Finding {
  readonly advisoryId: string;
  /** CVE ids the advisory is known by (besides its own id). */
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly package: string;
  readonly sourcePackage: string;
  readonly installedVersion: string;
  /** null: no fix yet. */
  readonly fixedVersion: string | null;
  readonly severity: Severity;
  readonly score: number | null;
  readonly rating: string | null;
  /** The upgrade command, or null while there is no fix. */
  readonly remediation: string | null;
}

/** An advisory's range for one package, as the index holds it. */
export interface IndexedRange {
  readonly advisoryId: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly range: Pick<AffectedRange, 'introduced' | 'fixed' | 'lastAffected' | 'severity' | 'score' | 'rating'>;
}

/** Ranges by package name for one distribution release. */
export type AdvisoryIndex = ReadonlyMap<string, readonly IndexedRange[]>;

/** Indexes the ranges of `advisories` that apply to `target`. */
export function indexAdvisories(advisories: readonly Advisory[], target: DistroRelease): Map<string, IndexedRange[]> {
  const index = new Map<string, IndexedRange[]>();
  for (const a of advisories) {
    for (const range of a.affected) {
      if (range.distro !== target.distro || range.release !== target.release) continue;
      const list = index.get(range.package) ?? [];
      list.push({ advisoryId: a.id, aliases: a.aliases, summary: a.summary, range });
      index.set(range.package, list);
    }
  }
  return index;
}

const REMEDIATION: Readonly<Record<PackageManager, (name: string) => string>> = {
  dpkg: (name) => `apt-get install --only-upgrade ${name}`,
  rpm: (name) => `dnf upgrade ${name}`,
  apk: (name) => `apk upgrade ${name}`,
};

/** Whether `version` lies in the range (introduced `0` = from the first version). */
export function inRange(version: string, range: IndexedRange['range'], compare: (a: string, b: string) => number): boolean {
  if (range.introduced !== '0' && compare(version, range.introduced) < 0) return false;
  if (range.fixed !== null) return compare(version, range.fixed) < 0;
  if (range.lastAffected !== null) return compare(version, range.lastAffected) <= 0;
  return true;
}

/**
 * Matches installed packages against the index of their distribution release. Debian and Ubuntu
 * advisories name source packages, so a dpkg package is looked up by its source package first and
 * by its own name only when the source has no advisory; rpm and apk packages by name first, then
 * by source package (apk origin). A package at or past the fixed version, or explicitly not
 * affected, yields nothing.
 */
export function matchPackages(target: DistroRelease, packages: readonly InstalledPackage[], index: AdvisoryIndex): Finding[] {
  const manager = PACKAGE_MANAGER[target.distro];
  const compare = VERSION_COMPARATORS[manager];
  const findings: Finding[] = [];
  for (const pkg of packages) {
    if (pkg.manager !== manager) continue;
    const source = pkg.source || pkg.name;
    const order = manager === 'dpkg' ? [source, pkg.name] : [pkg.name, source];
    const key = order.find((k) => (index.get(k)?.length ?? 0) > 0);
    if (!key) continue;
    // Debian/Ubuntu ranges are in source versions
    const version = key === source && pkg.sourceVersion ? pkg.sourceVersion : pkg.version;
    const byAdvisory = new Map<string, IndexedRange[]>();
    for (const entry of index.get(key)!) {
      if (!inRange(version, entry.range, compare)) continue;
      byAdvisory.set(entry.advisoryId, [...(byAdvisory.get(entry.advisoryId) ?? []), entry]);
    }
    for (const [advisoryId, entries] of byAdvisory) {
      const fixes = entries.map((e) => e.range.fixed).filter((f): f is string => f !== null).sort(compare);
      const fixedVersion = entries.some((e) => e.range.fixed === null) ? null : (fixes[0] ?? null);
      const first = entries[0]!;
      findings.push({
        advisoryId,
        aliases: first.aliases,
        summary: first.summary,
        package: pkg.name,
        sourcePackage: source,
        installedVersion: pkg.version,
        fixedVersion,
        severity: first.range.severity,
        score: first.range.score,
        rating: first.range.rating,
        remediation: fixedVersion === null ? null : REMEDIATION[manager](pkg.name),
      });
    }
  }
  return sortFindings(findings);
}

/** Most severe first, then by package and advisory id. */
export function sortFindings<F extends Pick<Finding, 'severity' | 'score' | 'package' | 'advisoryId'>>(findings: F[]): F[] {
  return findings.sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || (b.score ?? -1) - (a.score ?? -1) || a.package.localeCompare(b.package) || a.advisoryId.localeCompare(b.advisoryId),
  );
}
