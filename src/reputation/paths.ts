/** Paths and RAM actions of the reputation API, shared by the server routes and the CLI. */
export const REPUTATION_PATH = '/api/reputation';
/** Long-poll of the account's active bans (agents enforcing them on the host firewall). */
export const REPUTATION_BANS_PATH = '/api/reputation/bans';

export const REPUTATION_ACTIONS = {
  get: 'bulwark:GetReputation',
  list: 'bulwark:ListReputationDecisions',
  create: 'bulwark:CreateReputationDecision',
  delete: 'bulwark:DeleteReputationDecision',
  report: 'bulwark:ReportReputation',
  allowlist: 'bulwark:UpdateReputationAllowlist',
  settings: 'bulwark:SetReputationSettings',
  bouncer: 'bulwark:CreateReputationBouncer',
  /** granted to gateways and agents by their system policies */
  bans: 'bulwark:GetReputationBans',
} as const;
