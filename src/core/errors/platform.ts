import { defineErrors } from './define.js';

/** Errors of the platform itself: configuration, storage, HTTP plumbing, audit. */
export const platformErrors = defineErrors({
  'InvalidConfig': { status: 400, message: 'Invalid configuration at "{field}"{origin}: {reason}.', recommend: 'Fix the named field in the config file, environment variable or flag.' },
  'InvalidConfig.File': { status: 400, message: 'Cannot read config file "{path}": {reason}.' },
  'InvalidParameter': { status: 400, message: 'The parameter "{field}" is invalid: {reason}.' },
  'MissingParameter': { status: 400, message: 'The parameter "{field}" is required.' },
  'InvalidAction.NotFound': { status: 404, message: 'The route or action "{action}" does not exist.' },
  'Storage.Unavailable': { status: 503, message: 'The storage backend is unreachable: {reason}.' },
  'Storage.MigrationFailed': { status: 500, message: 'Migration "{migration}" failed: {reason}.' },
  'Storage.UnsupportedUrl': { status: 400, message: 'Unsupported database URL scheme "{scheme}"; use postgres:// or leave it empty for SQLite.' },
  'Audit.ChainBroken': { status: 500, message: 'Audit chain of account {accountId} is broken at record {eventId} (#{seq}): {reason}.' },
  'Sealer.Corrupt': { status: 500, message: 'A sealed secret cannot be opened: {reason}.', recommend: 'Check that the server runs with the same root key (BULWARK_ROOT_KEY or <dataDir>/root.key) that sealed the data.' },
  'Init.AlreadyInitialized': { status: 409, message: 'This data directory or database already has an account.', recommend: 'Use the root AccessKey printed at the first initialisation, or pass --additional to create another account.' },
  'Server.ShuttingDown': { status: 503, message: 'The server is shutting down.' },
  'InternalError': { status: 500, message: 'The request processing has failed due to some unknown error.', recommend: 'Retry later; the request id identifies the failure in the server log.' },
});
