import { compileWildcardSet, type StringMatcher } from '../wildcard.js';
import { contextText, defineOperator, policyStrings } from './operator.js';

/** StringLike: case-sensitive match against any of the patterns (`*` any run, `?` one character). */
export const StringLike = defineOperator<StringMatcher>({
  name: 'StringLike',
  negated: false,
  compile: (values) => compileWildcardSet(policyStrings(values)),
  test: (matcher, value) => matcher(contextText(value)),
});
