import { StringLike } from './string-like.js';
import { defineOperator } from './operator.js';

/** StringNotLike: true when the context value matches none of the patterns. */
export const StringNotLike = defineOperator({ ...StringLike, name: 'StringNotLike', negated: true });
