import { contextDate, defineComparison, policyDate } from './operator.js';

/** DateGreaterThanEquals: true when the context time is at or after one of the values (ISO 8601 in the policy). */
export const DateGreaterThanEquals = defineComparison('DateGreaterThanEquals', false, policyDate, contextDate, (context, policy) => context >= policy, 'an ISO 8601 date-time');
