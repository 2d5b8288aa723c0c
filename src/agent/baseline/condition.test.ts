import { describe, expect, it } from 'vitest';
import { aggregate, decides, type Condition } from './condition.js';
import { FOUND, invalid, NOT_FOUND, type RuleOutcome } from './outcome.js';

const NA = invalid('x');

describe('condition truth table (Wazuh SCA docs)', () => {
  it.each<[Condition, RuleOutcome[], string]>([
    ['all', [FOUND, FOUND], 'passed'],
    ['all', [FOUND, NA], 'not applicable'],
    ['all', [NA, NOT_FOUND], 'failed'],
    ['all', [FOUND, NOT_FOUND], 'failed'],
    ['any', [NOT_FOUND, FOUND], 'passed'],
    ['any', [NA, FOUND], 'passed'],
    ['any', [NOT_FOUND, NOT_FOUND], 'failed'],
    ['any', [NOT_FOUND, NA], 'not applicable'],
    ['none', [NOT_FOUND, FOUND], 'failed'],
    ['none', [NA, FOUND], 'failed'],
    ['none', [NOT_FOUND, NA], 'not applicable'],
    ['none', [NOT_FOUND, NOT_FOUND], 'passed'],
  ])('%s over %j → %s', (condition, outcomes, expected) => {
    expect(aggregate(condition, outcomes)).toBe(expected);
  });

  it('evaluation stops once decided: all at the first failure, any and none at the first match', () => {
    expect(decides('all', NOT_FOUND)).toBe(true);
    expect(decides('all', NA)).toBe(false);
    expect(decides('any', FOUND)).toBe(true);
    expect(decides('none', FOUND)).toBe(true);
    expect(decides('none', NOT_FOUND)).toBe(false);
  });
});
