import { defineErrors } from './define.js';

/** Errors of the server's host registry: enrollment, inventories, findings. */
export const hostsErrors = defineErrors({});
