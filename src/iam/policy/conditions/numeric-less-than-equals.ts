import { defineComparison, toNumber } from './operator.js';

/** NumericLessThanEquals: true when the context number is less than or equal to one of the values. */
export const NumericLessThanEquals = defineComparison('NumericLessThanEquals', false, toNumber, toNumber, (context, policy) => context <= policy, 'a number');
