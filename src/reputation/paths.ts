/** Paths and RAM actions of the reputation API, shared by the server routes and the CLI. */
export const REPUTATION_PATH = '/api/reputation';

export const REPUTATION_ACTIONS = {
  get: 'bulwark:GetReputation',
  list: 'bulwark:ListReputationDecisions',
  create: 'bulwark:CreateReputationDecision',
  delete: 'bulwark:DeleteReputationDecision',
  report: 'bulwark:ReportReputation',
  allowlist: 'bulwark:UpdateReputationAllowlist',
  settings: 'bulwark:SetReputationSettings',
  bouncer: 'bulwark:CreateReputationBouncer',
} as const;
