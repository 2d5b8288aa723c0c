import type { Macro } from '../actions/macro.js';

/** What an operator may report back besides match / no match. */
export interface OperatorResult {
  /** Capture groups: index 0 is the whole match (only filled when the rule has `capture`). */
  captures?: string[] | undefined;
  /** The part of the input that matched, for logs. */
  matched?: string | undefined;
}

/** A compiled operator: returns true on match (before negation). */
export type OperatorFn = ((input: string, out: OperatorResult, capture: boolean) => boolean) & {
  /** A cheap test that is false only when the operator cannot match (evaluated before the memo). */
  readonly mayMatch?: ((input: string) => boolean) | undefined;
};

/** Evaluates the operator with its parameter macro-expanded at run time where needed. */
export interface Operator {
  readonly name: string;
  readonly evaluate: (input: string, out: OperatorResult, capture: boolean, expand: (m: Macro) => string) => boolean;
}

/** What an operator factory gets: the raw parameter and where to find data files. */
export interface OperatorInit {
  readonly param: string;
  /** Directory of the rule file, for @pmFromFile / @ipMatchFromFile relative paths. */
  readonly baseDir: string;
}

export type OperatorFactory = (init: OperatorInit) => OperatorFn;
