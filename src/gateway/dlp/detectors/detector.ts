/**
 * The contract every DLP detector implements. Detectors work on a *latin1 view* of the response
 * bytes (one character per byte) so that every detected value — all of them are ASCII — maps back
 * to the same byte offsets in the original body, whatever ASCII-compatible charset it uses.
 */
import type { GateHits } from './literal-gate.js';

export const DETECTOR_NAMES = ['privateKey', 'accessKey', 'idCard', 'bankCard', 'phone', 'email', 'stackTrace', 'dbError'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

/** How much of a matched value stays readable: leading and trailing characters (digits for numbers). */
export interface KeepRule {
  readonly prefix: number;
  readonly suffix: number;
}

/** Per-response state shared by the scans of successive windows (absolute stream offsets). */
export interface ScanState {
  /** Absolute offset of the end of the last AccessKey id seen, or -1. */
  lastAccessKeyEnd: number;
}

export interface ScanContext {
  /** Absolute offset in the body of `text[0]`. */
  readonly base: number;
  readonly state: ScanState;
  /** Detector-specific switches from the configuration (e.g. `legacy15` for ID cards). */
  readonly options: DetectorOptions;
  /** The window's shared literal-gate pass (see literal-gate.ts); absent, gates scan on their own. */
  readonly gates?: GateHits;
}

export interface DetectorOptions {
  /** Accept the 15-digit legacy ID card form (off by default: too many 15-digit numbers exist). */
  readonly legacy15: boolean;
}

/** A found value: `[start, end)` in the scanned text. */
export interface Match {
  readonly start: number;
  readonly end: number;
}

export interface Detector {
  readonly name: DetectorName;
  /** Lower wins when two detectors claim overlapping text starting at the same offset. */
  readonly priority: number;
  /** Upper bound of a match length in bytes; the scanner's carry-over window is at least this long. */
  readonly maxLength: number;
  /** The default readable part kept by `mask`. */
  readonly defaultKeep: KeepRule;
  /**
   * Finds validated matches in `text` starting at `from` (characters before `from` are context only,
   * for boundary checks) and passes them to `emit` in increasing order. Must run in time linear in
   * `text.length - from`.
   */
  find(text: string, from: number, ctx: ScanContext, emit: (m: Match) => void): void;
  /**
   * For time-based flushes: the earliest offset in `[from, text.length)` where a match could start
   * that more data might still complete or change (a prefix of a value, or a value whose end is the
   * end of the text); `text.length` when there is none. Bytes before it may be released. Must be
   * conservative (never later than such a start) and look back at most `maxLength` bytes.
   */
  pendingFrom(text: string, from: number, ctx: ScanContext): number;
  /** Returns the masked form of `value`: the same length, ASCII only. */
  mask(value: string, keep: KeepRule): string;
  /**
   * When present, the text after a match keeps being masked (a PEM body): returns the offset where
   * masking stopped and whether the region is closed. See `private-key.ts`.
   */
  readonly region?: RegionMasker;
}

export interface RegionState {
  /** Bytes of region body already processed. */
  consumed: number;
}

export interface RegionMasker {
  /**
   * Masks `view`/`out` from `from` up to at most `to` (exclusive); `end` is the end of available
   * data (lookahead may read up to it); `final` when no more data will come.
   */
  continue(view: Buffer, out: Buffer, from: number, to: number, end: number, final: boolean, state: RegionState): { pos: number; closed: boolean };
}

/** Runs a global regex from `from` and emits every match accepted by `validate`. */
export function findWithRegex(
  pattern: RegExp,
  text: string,
  from: number,
  emit: (m: Match) => void,
  validate: (text: string, start: number, end: number) => boolean,
): void {
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      pattern.lastIndex = start + 1;
      continue;
    }
    if (validate(text, start, end)) emit({ start, end });
  }
}
