import { defineComparison, toNumber } from './operator.js';

/** NumericLessThan: true when the context number is less than one of the values. */
export const NumericLessThan = defineComparison('NumericLessThan', false, toNumber, toNumber, (context, policy) => context < policy, 'a number');
