import { contextText, defineOperator, policyStrings } from './operator.js';

/** StringEquals: exact, case-sensitive equality with any of the values. */
export const StringEquals = defineOperator<ReadonlySet<string>>({
  name: 'StringEquals',
  negated: false,
  compile: (values) => new Set(policyStrings(values)),
  test: (set, value) => set.has(contextText(value)),
});
