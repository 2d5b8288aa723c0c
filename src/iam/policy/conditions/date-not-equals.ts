import { contextDate, defineComparison, policyDate } from './operator.js';

/** DateNotEquals: true when the context time equals none of the values (ISO 8601 in the policy). */
export const DateNotEquals = defineComparison('DateNotEquals', true, policyDate, contextDate, (context, policy) => context === policy, 'an ISO 8601 date-time');
