import { contextDate, defineComparison, policyDate } from './operator.js';

/** DateEquals: true when the context time equals one of the values (ISO 8601 in the policy). */
export const DateEquals = defineComparison('DateEquals', false, policyDate, contextDate, (context, policy) => context === policy, 'an ISO 8601 date-time');
