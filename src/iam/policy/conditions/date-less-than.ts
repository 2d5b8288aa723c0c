import { contextDate, defineComparison, policyDate } from './operator.js';

/** DateLessThan: true when the context time is before one of the values (ISO 8601 in the policy). */
export const DateLessThan = defineComparison('DateLessThan', false, policyDate, contextDate, (context, policy) => context < policy, 'an ISO 8601 date-time');
