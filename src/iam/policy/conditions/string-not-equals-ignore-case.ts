import { StringEqualsIgnoreCase } from './string-equals-ignore-case.js';
import { defineOperator } from './operator.js';

/** StringNotEqualsIgnoreCase: true when the context value equals none of the values, ignoring case. */
export const StringNotEqualsIgnoreCase = defineOperator({ ...StringEqualsIgnoreCase, name: 'StringNotEqualsIgnoreCase', negated: true });
