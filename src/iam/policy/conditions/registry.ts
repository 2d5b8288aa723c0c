import { Bool } from './bool.js';
import { DateEquals } from './date-equals.js';
import { DateGreaterThan } from './date-greater-than.js';
import { DateGreaterThanEquals } from './date-greater-than-equals.js';
import { DateLessThan } from './date-less-than.js';
import { DateLessThanEquals } from './date-less-than-equals.js';
import { DateNotEquals } from './date-not-equals.js';
import { IpAddress } from './ip-address.js';
import { NotIpAddress } from './not-ip-address.js';
import { NumericEquals } from './numeric-equals.js';
import { NumericGreaterThan } from './numeric-greater-than.js';
import { NumericGreaterThanEquals } from './numeric-greater-than-equals.js';
import { NumericLessThan } from './numeric-less-than.js';
import { NumericLessThanEquals } from './numeric-less-than-equals.js';
import { NumericNotEquals } from './numeric-not-equals.js';
import type { ConditionOperator } from './operator.js';
import { StringEquals } from './string-equals.js';
import { StringEqualsIgnoreCase } from './string-equals-ignore-case.js';
import { StringLike } from './string-like.js';
import { StringNotEquals } from './string-not-equals.js';
import { StringNotEqualsIgnoreCase } from './string-not-equals-ignore-case.js';
import { StringNotLike } from './string-not-like.js';

/** Every condition operator, by its exact (case-sensitive) policy name. */
export const CONDITION_OPERATORS: ReadonlyMap<string, ConditionOperator> = new Map(
  [
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    IpAddress,
    NotIpAddress,
  ].map((op) => [op.name, op] as const),
);
