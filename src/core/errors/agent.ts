import { defineErrors } from './define.js';

/** Errors of the host agent (`bulwark agent`): baseline engine, collectors, intrusion detection and response. */
export const agentErrors = defineErrors({
  'Agent.NotEnrolled': { status: 400, message: 'This host is not enrolled: no identity in "{dir}".', recommend: 'Run `bulwark agent enroll --server URL --token TOKEN` first.' },
  'Agent.InvalidState': { status: 400, message: 'The agent state file "{file}" is invalid: {reason}.', recommend: 'Enroll again with a new token (the old host identity can be deleted on the server).' },
  'Agent.ServerRejected': { status: 502, message: 'The server {server} refused the {operation}: {reason}.' },
});
