import type { Inventory } from '../collectors/inventory.js';
import type { FeedFormat } from './advisory.js';
import { distroReleaseOf, type DistroRelease } from './ecosystem.js';
import { mergeAdvisories, readFeed } from './feed-source.js';
import { indexAdvisories, matchPackages, type Finding } from './match.js';

/** `vulnerabilities` of `bulwark agent scan --once --vuln-feed FILE…`. */
export interface HostVulnerabilities {
  /** The host's distribution release (null: not one Bulwark matches; no findings then). */
  readonly platform: DistroRelease | null;
  readonly feeds: readonly { source: string; format: FeedFormat; advisories: number }[];
  readonly packages: number;
  readonly findings: readonly Finding[];
}

/** Matches this host's packages (from its inventory) against the given feed files, offline. */
export async function scanHostVulnerabilities(inventory: Pick<Inventory, 'os' | 'packages'>, feedFiles: readonly string[]): Promise<HostVulnerabilities> {
  const parsed = [];
  for (const source of feedFiles) parsed.push({ source, feed: await readFeed(source) });
  const feeds = parsed.map(({ source, feed }) => ({ source, format: feed.format, advisories: feed.advisories.length }));
  const platform = inventory.os ? (distroReleaseOf(inventory.os) ?? null) : null;
  if (!platform) return { platform: null, feeds, packages: inventory.packages.length, findings: [] };
  const index = indexAdvisories(mergeAdvisories(parsed.map((p) => p.feed)), platform);
  return { platform, feeds, packages: inventory.packages.length, findings: matchPackages(platform, inventory.packages, index) };
}

/** The findings as a table (appended to the scan's table output). */
export function vulnerabilitiesTable(result: HostVulnerabilities): string {
  const lines = ['', 'VULNERABLE PACKAGES'];
  if (!result.platform) return `${[...lines, 'this host\'s distribution is not matched (Debian, Ubuntu, AlmaLinux, Rocky Linux, Alpine)'].join('\n')}\n`;
  lines.push(`${result.platform.distro} ${result.platform.release}: ${result.packages} packages against ${result.feeds.map((f) => `${f.source} (${f.advisories})`).join(', ')}`);
  for (const f of result.findings) {
    lines.push(`  ${f.severity.padEnd(10)} ${String(f.score ?? '-').padEnd(4)} ${f.advisoryId.padEnd(24)} ${f.package} ${f.installedVersion} → ${f.fixedVersion ?? 'no fix yet'}${f.remediation ? `   ${f.remediation}` : ''}`);
  }
  lines.push(`${result.findings.length} vulnerable package finding(s)`);
  return `${lines.join('\n')}\n`;
}
