import { defineComparison, toNumber } from './operator.js';

/** NumericGreaterThan: true when the context number is greater than one of the values. */
export const NumericGreaterThan = defineComparison('NumericGreaterThan', false, toNumber, toNumber, (context, policy) => context > policy, 'a number');
