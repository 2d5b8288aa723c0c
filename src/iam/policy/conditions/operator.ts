/** A value written in a policy's Condition block. */
export type PolicyScalar = string | number | boolean;
/** A value of a request context key; arrays are multi-valued keys (any element may match). */
export type ContextScalar = string | number | boolean | Date;
export type ContextValue = ContextScalar | readonly ContextScalar[];

/** A policy value the operator cannot use; `index` is its position in the value list. */
export class ConditionValueError extends Error {
  constructor(
    readonly index: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'ConditionValueError';
  }
}

/**
 * One condition operator. `compile` validates and precompiles the policy values of one key (throws
 * ConditionValueError); `test` says whether ONE context value matches ANY of them (values OR).
 * A negated operator (`StringNotEquals`, `NotIpAddress`, …) is true when no context value matches,
 * and true when the key is absent from the request (AWS semantics; see docs/policy.md).
 */
export interface ConditionOperator<C = unknown> {
  readonly name: string;
  readonly negated: boolean;
  compile(values: readonly PolicyScalar[]): C;
  test(compiled: C, value: ContextScalar): boolean;
}

/** Declares an operator; keeps the compiled type private to the operator while the registry sees `unknown`. */
export function defineOperator<C>(operator: ConditionOperator<C>): ConditionOperator<unknown> {
  return operator as ConditionOperator<unknown>;
}

/** Context value as text: booleans `true`/`false`, numbers in JS notation, dates in ISO 8601 (UTC). */
export function contextText(value: ContextScalar): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Policy values of the String* operators: strings, with numbers and booleans taken as their text. */
export function policyStrings(values: readonly PolicyScalar[]): string[] {
  return values.map((v) => (typeof v === 'string' ? v : String(v)));
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function toNumber(value: PolicyScalar | ContextScalar): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim());
  return null;
}

/** ISO 8601 date or date-time (`2026-01-31`, `2026-01-31T08:00:00Z`, `…T08:00:00.123+08:00`). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function policyDate(value: PolicyScalar): number | null {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Context dates: a Date, epoch milliseconds, or an ISO 8601 string. */
export function contextDate(value: ContextScalar): number | null {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : ms;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return policyDate(value);
  return null;
}

export function toBool(value: PolicyScalar | ContextScalar): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
}

/** Builds one of the six comparison operators of a family (Numeric*, Date*). */
export function defineComparison(
  name: string,
  negated: boolean,
  parsePolicy: (v: PolicyScalar) => number | null,
  parseContext: (v: ContextScalar) => number | null,
  compare: (context: number, policy: number) => boolean,
  expected: string,
): ConditionOperator<unknown> {
  return defineOperator<readonly number[]>({
    name,
    negated,
    compile(values) {
      return values.map((v, i) => {
        const n = parsePolicy(v);
        if (n === null) throw new ConditionValueError(i, `${name} needs ${expected}, got ${JSON.stringify(v)}`);
        return n;
      });
    },
    test(policy, value) {
      const n = parseContext(value);
      if (n === null) return false;
      for (const p of policy) if (compare(n, p)) return true;
      return false;
    },
  });
}
