import { contextText, defineOperator, policyStrings } from './operator.js';

/** StringEqualsIgnoreCase: equality after lower-casing both sides. */
export const StringEqualsIgnoreCase = defineOperator<ReadonlySet<string>>({
  name: 'StringEqualsIgnoreCase',
  negated: false,
  compile: (values) => new Set(policyStrings(values).map((v) => v.toLowerCase())),
  test: (set, value) => set.has(contextText(value).toLowerCase()),
});
