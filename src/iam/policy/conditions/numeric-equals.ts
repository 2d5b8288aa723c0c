import { defineComparison, toNumber } from './operator.js';

/** NumericEquals: true when the context number equals one of the values. */
export const NumericEquals = defineComparison('NumericEquals', false, toNumber, toNumber, (context, policy) => context === policy, 'a number');
