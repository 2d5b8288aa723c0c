import { defineErrors } from './define.js';

/** Errors of the server's host registry: enrollment, inventories, findings. */
export const hostsErrors = defineErrors({
  'Hosts.InvalidToken': { status: 401, message: 'The enrollment token is not valid: {reason}.', recommend: 'Create a new token with `bulwark hosts token create` (tokens are single use and expire).' },
  'Hosts.HostNotFound': { status: 404, message: 'Host "{host}" does not exist.', recommend: 'List hosts with `bulwark hosts list`.' },
  'Hosts.NotOwnHost': { status: 403, message: 'The identity "{principal}" may report only about its own host, not about "{host}".' },
  'Hosts.ReportTooLarge': { status: 413, message: 'The request body exceeds the limit of {limit} bytes.' },
  'Hosts.TokenNotFound': { status: 404, message: 'No unused enrollment token "{token}" exists.', recommend: 'List tokens with `bulwark hosts token list`; used tokens cannot be revoked (delete the host instead).' },
  'Hosts.TaskNotFound': { status: 404, message: 'Task "{task}" of host "{host}" does not exist.' },
  'Hosts.TaskStateConflict': { status: 409, message: 'Task "{task}" is {status} and cannot be acknowledged: {reason}.' },
  'Hosts.CannotUndo': { status: 409, message: 'Response action "{task}" cannot be undone: {reason}.', recommend: 'See the host\'s response actions in the console or with `bulwark hosts findings`.' },
});
