/** A decision to stop the exchange: the caller (gateway) acts on it, the engine never does I/O. */
export interface Interruption {
  /** HTTP status to answer with (deny/drop/redirect); 0 for `drop` means close the connection. */
  readonly status: number;
  readonly action: 'deny' | 'drop' | 'redirect';
  readonly ruleId: number;
  /** Redirect target, for `redirect`. */
  readonly location?: string;
}

/** A rule that matched and logs, as reported to the attack-event pipeline. */
export interface MatchedRule {
  readonly id: number;
  readonly phase: number;
  readonly msg: string;
  readonly logdata: string;
  readonly tags: readonly string[];
  readonly severity: string | undefined;
  /** Name of the last matched variable (`ARGS:id`). */
  readonly matchedVar: string;
  /** The matched value, truncated to 256 bytes. */
  readonly matchedData: string;
  /** The disruptive action the rule asked for (as written, `block` resolved). */
  readonly disruptive: string;
  readonly file: string;
  readonly line: number;
}
