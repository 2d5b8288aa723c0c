import { contextDate, defineComparison, policyDate } from './operator.js';

/** DateLessThanEquals: true when the context time is at or before one of the values (ISO 8601 in the policy). */
export const DateLessThanEquals = defineComparison('DateLessThanEquals', false, policyDate, contextDate, (context, policy) => context <= policy, 'an ISO 8601 date-time');
