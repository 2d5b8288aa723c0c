import { defineComparison, toNumber } from './operator.js';

/** NumericGreaterThanEquals: true when the context number is greater than or equal to one of the values. */
export const NumericGreaterThanEquals = defineComparison('NumericGreaterThanEquals', false, toNumber, toNumber, (context, policy) => context >= policy, 'a number');
