import { defineErrors } from './define.js';

/** Errors of the reputation service: decisions, allowlists and the CrowdSec-compatible stream. */
export const reputationErrors = defineErrors({
  'Reputation.Allowlisted': { status: 409, message: 'The address "{value}" is on the reputation allowlist and cannot be banned.', recommend: 'Remove it from the allowlist first if the ban is intended.' },
  'Reputation.BouncerExists': { status: 409, message: 'A bouncer named "{name}" already exists.' },
  'Reputation.InvalidApiKey': { status: 403, message: 'The X-Api-Key header is missing or not a known bouncer key.' },
  'Reputation.InvalidBlockList': { status: 400, message: 'The block list is invalid at line {line}: {reason}.' },
});
