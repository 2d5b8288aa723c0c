import { defineComparison, toNumber } from './operator.js';

/** NumericNotEquals: true when the context number equals none of the values. */
export const NumericNotEquals = defineComparison('NumericNotEquals', true, toNumber, toNumber, (context, policy) => context === policy, 'a number');
