import type { Macro } from '../actions/macro.js';

/** What an operator may report back besides match / no match. */
export interface OperatorResult {
  /** Capture groups: index 0 is the whole match (only filled when the rule has `capture`). */
  captures?: string[] | undefined;
  /** The part of the input that matched, for logs. */
  matched?: string | undefined;
}

/**
 * Literals of which every input the operator matches contains at least one (printable ASCII; lower-cased
 * when `caseInsensitive`). An input holding none of them cannot match.
 */
export interface RequiredLiterals {
  readonly literals: readonly string[];
  readonly caseInsensitive: boolean;
}

/** What a compiled operator may offer besides evaluation, for skipping work it can prove useless. */
export interface OperatorHints {
  /** A cheap test that is false only when the operator cannot match (evaluated before the memo). */
  readonly mayMatch?: ((input: string) => boolean) | undefined;
  /** See RequiredLiterals (the engine tests many operators' literals in one pass over a value). */
  readonly literals?: RequiredLiterals | undefined;
  /** True only when the operator matches none of the inputs (one batched check instead of one per input). */
  readonly noneMatch?: ((inputs: readonly string[]) => boolean) | undefined;
}

/** A compiled operator: returns true on match (before negation). */
export type OperatorFn = ((input: string, out: OperatorResult, capture: boolean) => boolean) & OperatorHints;

/** Evaluates the operator with its parameter macro-expanded at run time where needed. */
export interface Operator {
  readonly name: string;
  readonly evaluate: (input: string, out: OperatorResult, capture: boolean, expand: (m: Macro) => string) => boolean;
  /** Only for operators without macros in their parameter. */
  readonly literals?: RequiredLiterals | undefined;
  readonly noneMatch?: ((inputs: readonly string[]) => boolean) | undefined;
}

/** What an operator factory gets: the raw parameter and where to find data files. */
export interface OperatorInit {
  readonly param: string;
  /** Directory of the rule file, for @pmFromFile / @ipMatchFromFile relative paths. */
  readonly baseDir: string;
}

export type OperatorFactory = (init: OperatorInit) => OperatorFn;
