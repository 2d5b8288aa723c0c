import { StringEquals } from './string-equals.js';
import { defineOperator } from './operator.js';

/** StringNotEquals: true when the context value equals none of the values (case-sensitive). */
export const StringNotEquals = defineOperator({ ...StringEquals, name: 'StringNotEquals', negated: true });
