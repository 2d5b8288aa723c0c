import type { Distro } from './ecosystem.js';
import type { Severity } from './severity.js';

/**
 * One affected version range of one package in one distribution release, normalized from any feed.
 * A version is affected when `introduced <= v` and (`v < fixed`, or `v <= lastAffected`, or neither
 * bound is known: no fix yet). `introduced` `'0'` means every version.
 */
export interface AffectedRange {
  readonly distro: Distro;
  readonly release: string;
  /** Source package for Debian/Ubuntu; package name for rpm and apk. */
  readonly package: string;
  readonly introduced: string;
  readonly fixed: string | null;
  readonly lastAffected: string | null;
  readonly severity: Severity;
  /** CVSS base score when the feed gave a v3 vector. */
  readonly score: number | null;
  readonly vector: string | null;
  /** The distribution's own rating (Debian urgency, Ubuntu priority…), `**` stripped. */
  readonly rating: string | null;
}

/** A package the feed explicitly says is not affected (Debian `fixed_version "0"`); clears stored ranges. */
export interface NotAffected {
  readonly distro: Distro;
  readonly release: string;
  readonly package: string;
}

/** An advisory (OSV record, or one CVE of the Debian Security Tracker). */
export interface Advisory {
  readonly id: string;
  /** CVE ids (and other ids) the advisory is known by. */
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly modified: string | null;
  readonly affected: readonly AffectedRange[];
  readonly notAffected: readonly NotAffected[];
}

export type FeedFormat = 'osv' | 'debian';

/** The outcome of parsing one feed document. */
export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly advisories: readonly Advisory[];
  /** Entries of ecosystems or releases Bulwark does not match (language ecosystems, Ubuntu Pro…). */
  readonly skipped: number;
}
