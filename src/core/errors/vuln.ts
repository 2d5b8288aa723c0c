import { defineErrors } from './define.js';

/** Errors of vulnerability feeds and package matching. */
export const vulnErrors = defineErrors({});
