/** Tables of the vuln context (created by `migrations.ts`). Times are ISO 8601 strings. */
export interface VulnTables {
  vuln_feeds: {
    id: string;
    account_id: string;
    format: string;
    source: string;
    advisories: number;
    ranges: number;
    not_affected: number;
    skipped: number;
    imported_by: string;
    imported_at: string;
  };
  vuln_advisories: {
    account_id: string;
    id: string;
    /** JSON array of CVE ids */
    aliases: string;
    summary: string;
    modified: string | null;
    feed_id: string;
  };
  vuln_ranges: {
    account_id: string;
    advisory_id: string;
    distro: string;
    release: string;
    package: string;
    introduced: string;
    fixed: string | null;
    last_affected: string | null;
    severity: string;
    score: number | null;
    vector: string | null;
    rating: string | null;
  };
  vuln_host_findings: {
    account_id: string;
    host_id: string;
    advisory_id: string;
    package: string;
    source_package: string;
    installed_version: string;
    fixed_version: string | null;
    severity: string;
    score: number | null;
    rating: string | null;
    /** JSON array of CVE ids */
    aliases: string;
    summary: string;
    remediation: string | null;
    status: 'open' | 'resolved';
    first_seen: string;
    last_seen: string;
    resolved_at: string | null;
  };
}
