import { contextDate, defineComparison, policyDate } from './operator.js';

/** DateGreaterThan: true when the context time is after one of the values (ISO 8601 in the policy). */
export const DateGreaterThan = defineComparison('DateGreaterThan', false, policyDate, contextDate, (context, policy) => context > policy, 'an ISO 8601 date-time');
