/** Tables owned by the sites context (gateway sites managed through the server). */
export interface SitesTables {
  /** One row per site; `document` is the site as submitted (JSON, validated by the gateway's site schema). */
  gateway_sites: { account_id: string; name: string; document: string; created_at: string; updated_at: string };
  /** The account's configuration revision: bumped by every change, the ETag gateways long-poll on. */
  gateway_revisions: { account_id: string; revision: number; updated_at: string };
  /** Certificates for managed sites: the PEM chain as uploaded, the private key sealed with the root key. */
  gateway_certificates: {
    account_id: string;
    name: string;
    cert_pem: string;
    key_sealed: string;
    subject: string;
    /** JSON array of the DNS names (SAN, else CN). */
    names: string;
    not_before: string;
    not_after: string;
    fingerprint: string;
    created_at: string;
    updated_at: string;
  };
  /** The latest status report of each managed gateway (telemetry, replaced by every report; not audited). */
  gateway_status: { account_id: string; gateway_id: string; report: string; last_seen: string };
}
