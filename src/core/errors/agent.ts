import { defineErrors } from './define.js';

/** Errors of the host agent (`bulwark agent`): baseline engine, collectors, intrusion detection and response. */
export const agentErrors = defineErrors({});
