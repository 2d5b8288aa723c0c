import { defineErrors } from './define.js';

/** Errors of posture checks, IaC scanning, compliance frameworks and reports. */
export const postureErrors = defineErrors({});
