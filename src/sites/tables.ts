/** Tables owned by the sites context (gateway sites managed through the server). */
export interface SitesTables {
  /** One row per site; `document` is the site as submitted (JSON, validated by the gateway's site schema). */
  gateway_sites: { account_id: string; name: string; document: string; created_at: string; updated_at: string };
  /** The account's configuration revision: bumped by every change, the ETag gateways long-poll on. */
  gateway_revisions: { account_id: string; revision: number; updated_at: string };
}
