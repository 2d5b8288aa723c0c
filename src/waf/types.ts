import type RE2 from 're2';
import type { Macro } from './actions/macro.js';
import type { Operator } from './operators/operator.js';
import type { Transformation } from './transformations/transformation.js';
import type { VariableKind } from './variables/registry.js';

/** Rule phases: 1 request headers, 2 request body, 3 response headers, 4 response body, 5 logging. */
export type Phase = 1 | 2 | 3 | 4 | 5;

/** One target of a rule (`ARGS`, `ARGS:id`, `ARGS:/^x/`, `!ARGS:id`, `&ARGS`, `XML:/*`). */
export interface VariableSpec {
  /** Upper-cased collection or variable name. */
  readonly collection: string;
  /** Literal key, lower-cased for lookup (absent: the whole collection). */
  readonly key?: string;
  /** Key as written, for display. */
  readonly keyDisplay?: string;
  readonly keyRegex?: RE2;
  readonly count: boolean;
  readonly exclude: boolean;
  /** Storage kind, resolved when the rule is compiled. */
  readonly kind?: VariableKind;
}

export type DisruptiveAction = 'pass' | 'deny' | 'drop' | 'block' | 'allow' | 'redirect' | 'proxy' | 'pause';

/** A parsed action with its parameter compiled to a macro when it may contain `%{…}`. */
export interface RuleAction {
  readonly name: string;
  readonly param: string | undefined;
  readonly macro: Macro | undefined;
}

/** A compiled SecRule / SecAction / SecMarker. Chained rules hang off `chain`. */
export interface Rule {
  id: number;
  phase: Phase;
  readonly file: string;
  readonly line: number;
  /** SecMarker name; markers have no operator and match nothing. */
  readonly marker?: string;
  variables: VariableSpec[];
  readonly operator: Operator | undefined;
  readonly operatorName: string;
  readonly operatorParam: string;
  readonly negated: boolean;
  transformations: Array<{ readonly name: string; readonly fn: Transformation }>;
  /** Non-disruptive actions run (in order) for each match. */
  actions: RuleAction[];
  msg: Macro | undefined;
  logdata: Macro | undefined;
  tags: string[];
  severity: string | undefined;
  disruptive: DisruptiveAction;
  status: number | undefined;
  redirect: string | undefined;
  allowScope: 'all' | 'phase' | 'request' | undefined;
  log: boolean;
  auditlog: boolean;
  capture: boolean;
  multiMatch: boolean;
  skip: number;
  skipAfter: string | undefined;
  ver: string | undefined;
  chain: Rule | undefined;
  /** True for rules that are the continuation of a chain. */
  readonly chained: boolean;
  /**
   * Engine caches derived from `variables` and `transformations`, built on first evaluation and
   * rebuilt when either array is replaced (SecRuleUpdateTarget*, SecRuleUpdateAction*).
   */
  cache?: RuleCache | undefined;
  readonly raw: string;
}

/** What the engine derives once per rule (see Rule.cache). */
export interface RuleCache {
  readonly variables: readonly VariableSpec[];
  /** The rule's own exclusions (`!ARGS:x`) by collection. */
  readonly exclusions: ReadonlyMap<string, VariableSpec[]>;
  readonly transformations: Rule['transformations'];
  readonly tcount: number;
  readonly tags: readonly string[];
  /** The rule's tags, lower-cased (ctl:ruleRemoveByTag, ctl:ruleRemoveTargetByTag). */
  readonly tagsLower: readonly string[];
  /** The same as a set (one lookup per ctl:ruleRemoveTargetByTag exclusion). */
  readonly tagSet: ReadonlySet<string>;
  /** The ctl:ruleRemoveTarget* history (a transaction's interned signature) exclusionKey was computed for. */
  exclusionSignature?: string | undefined;
  /** Which of those exclusions apply to the rule (`i0,t2,`: indices by id / by tag). */
  exclusionKey?: string | undefined;
  /** The transformation chain as a key (`lowercase,urlDecodeUni`) for per-transaction result caches. */
  readonly tkey: string;
  /** A small number per distinct tkey (index of cached transformation results on a VarValue). */
  readonly tindex: number;
  /** A number per distinct target list reading request data and TX only (see requestDataKey), -1 for others. */
  readonly targetsId: number;
}
