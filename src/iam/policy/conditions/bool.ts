import { ConditionValueError, defineOperator, toBool } from './operator.js';

/** Bool: the context boolean (or `"true"`/`"false"`) equals one of the values. */
export const Bool = defineOperator<readonly boolean[]>({
  name: 'Bool',
  negated: false,
  compile: (values) =>
    values.map((v, i) => {
      const b = toBool(v);
      if (b === null) throw new ConditionValueError(i, `Bool needs true or false, got ${JSON.stringify(v)}`);
      return b;
    }),
  test: (policy, value) => {
    const b = toBool(value);
    return b !== null && policy.includes(b);
  },
});
