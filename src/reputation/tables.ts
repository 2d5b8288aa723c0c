/** Tables owned by the reputation context. Times are epoch milliseconds. */
export interface ReputationTables {
  reputation_decisions: {
    id: string;
    account_id: string;
    /** an address or a CIDR block */
    value: string;
    scope: 'Ip' | 'Range';
    action: 'ban' | 'challenge' | 'log';
    /** `bulwark` (a scenario or the score), `manual` (API/console/CLI) or `import` */
    origin: string;
    scenario: string;
    /** JSON: why — the signals and event ids that caused it */
    evidence: string;
    created_ms: number;
    until_ms: number;
    /** set when unbanned or once expired (the CrowdSec stream reports it as deleted) */
    deleted_ms: number | null;
  };
  reputation_allowlist: { account_id: string; value: string; comment: string; created_ms: number };
  reputation_offenses: { account_id: string; ip: string; count: number; last_ms: number };
  reputation_bouncers: { key_hash: string; account_id: string; name: string; created_ms: number; last_pull_ms: number | null };
  reputation_revisions: { account_id: string; revision: number };
  reputation_settings: { account_id: string; document: string; updated_ms: number };
}
