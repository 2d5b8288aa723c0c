import { charsetFamily, fillView, sniffHtmlCharset, TRAIL_MARK, type CharsetFamily } from './charset.js';
import type { DlpAction } from './config.js';
import type { DetectorName, Match, RegionState, ScanContext, ScanState } from './detectors/detector.js';
import { GateHits } from './detectors/literal-gate.js';
import { PEM_LOOKAHEAD } from './detectors/private-key.js';
import type { DetectorRule, DlpPolicy } from './policy.js';

/** One line of a response's DLP summary: never the value itself. */
export interface DlpHit {
  readonly detector: DetectorName;
  readonly count: number;
  /** What was done: the detector's action, or `block` for the detector that blocked the response. */
  readonly action: DlpAction;
}

export interface DlpBlockReason {
  readonly detector: DetectorName;
  /** True when the response was blocked for exceeding the bulk threshold rather than by a block action. */
  readonly bulk: boolean;
  readonly count: number;
}

export interface DlpScannerOptions {
  /** Charset family of the body (`ascii` when unknown). */
  readonly charset?: CharsetFamily;
  /** Read `<meta charset>` from the first bytes of an HTML body declared without a charset. */
  readonly sniffHtmlCharset?: boolean;
  /** Bytes gathered before a scan (amortizes the carry-over rescan); default 32 KiB. */
  readonly minScanBytes?: number;
}

/**
 * Bytes of already-emitted text kept as look-behind context for the next window (boundary checks,
 * and the word "secret" up to 64 bytes before a secret).
 */
const LEFT_CONTEXT = 80;
const EMPTY = Buffer.alloc(0);
/** Bytes `sniffHtmlCharset` reads for `<meta charset>`. */
const SNIFF_BYTES = 1024;
/** Larger input chunks are scanned in slices of this size, bounding the memory of one scan. */
const MAX_SLICE = 256 * 1024;

interface Candidate {
  readonly rule: DetectorRule;
  readonly start: number;
  readonly end: number;
}

interface OpenRegion {
  readonly rule: DetectorRule;
  /** Absolute body offset where masking continues. */
  pos: number;
  readonly state: RegionState;
}

/**
 * The transport-free DLP core: body bytes in, masked body bytes out, in order, with bounded memory.
 *
 * Windowing: input is gathered until `minScanBytes`, then the *window* — 32 bytes of already-emitted
 * context, the carry-over and the new bytes — is scanned. Matches that end in the last `carry` bytes
 * (the longest value a detector can match plus look-ahead) are not decided yet: everything from the
 * earliest such match (or from `length - carry`) is carried over to the next window, the rest is
 * emitted, masked. A value split across any chunk boundaries is therefore seen whole. Masks have the
 * same byte length as the value, so the body length never changes.
 */
export class DlpScanner {
  private readonly rules: readonly DetectorRule[];
  private readonly counts = new Map<DetectorName, number>();
  private readonly carrySize: number;
  private readonly minScan: number;
  private family: CharsetFamily;
  private sniff: boolean;
  private first = true;
  private passthrough = false;
  private left: Buffer = Buffer.alloc(0);
  private carry: Buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Absolute body offset of `carry[0]`. */
  private base = 0;
  private region: OpenRegion | undefined;
  private readonly state: ScanState = { lastAccessKeyEnd: -1 };
  private blockReason: DlpBlockReason | undefined;

  constructor(policy: DlpPolicy, options: DlpScannerOptions = {}) {
    this.rules = policy.rules;
    this.family = options.charset ?? 'ascii';
    this.sniff = options.sniffHtmlCharset ?? false;
    const longest = this.rules.reduce((m, r) => Math.max(m, r.detector.maxLength), 0);
    this.carrySize = longest + PEM_LOOKAHEAD + 16;
    this.minScan = Math.max(options.minScanBytes ?? 32 * 1024, 1);
  }

  /** Set once the response must be blocked; no more output is produced. */
  get blocked(): DlpBlockReason | undefined {
    return this.blockReason;
  }

  /** False when the body turned out not to be inspectable (UTF-16 BOM or declared charset): it passed unchanged. */
  get inspected(): boolean {
    return !this.passthrough;
  }

  /** Bytes currently held back (carry-over and pending input). */
  get heldBytes(): number {
    return this.carry.length + this.pendingBytes;
  }

  /** Per-detector hit counts so far. */
  hits(): DlpHit[] {
    const out: DlpHit[] = [];
    for (const rule of this.rules) {
      const count = this.counts.get(rule.detector.name) ?? 0;
      if (count === 0) continue;
      const action = this.blockReason?.detector === rule.detector.name ? 'block' : rule.action;
      out.push({ detector: rule.detector.name, count, action });
    }
    return out;
  }

  /** Feeds body bytes; returns the bytes that are final (masked) and may be sent. */
  write(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    if (this.blockReason !== undefined || chunk.length === 0) return out;
    for (let off = 0; off < chunk.length; off += MAX_SLICE) {
      const slice = off === 0 && chunk.length <= MAX_SLICE ? chunk : chunk.subarray(off, Math.min(chunk.length, off + MAX_SLICE));
      this.pending.push(slice);
      this.pendingBytes += slice.length;
      if (this.pendingBytes >= this.minScan) this.scan('batch', out);
      if (this.blockReason !== undefined) return [];
    }
    return out;
  }

  /**
   * Time-based flush: scans what is held now (without waiting for a full batch) and returns every
   * byte that more data could no longer change — all but a trailing piece that could be the start
   * of a value (see `Detector.pendingFrom`), an undecided match, or the last 80 bytes of an open PEM
   * body. Held bytes stay held until more data comes or the body ends.
   */
  flush(): Buffer[] {
    const out: Buffer[] = [];
    // The first scan decides the charset (BOM, `<meta charset>` in the first 1024 bytes): not on less.
    if (this.first && this.pendingBytes < (this.sniff ? SNIFF_BYTES : 4)) return out;
    if (this.blockReason === undefined && this.heldBytes > 0) this.scan('flush', out);
    return this.blockReason === undefined ? out : [];
  }

  /** Ends the body; returns the remaining bytes. */
  end(): Buffer[] {
    const out: Buffer[] = [];
    if (this.blockReason === undefined) this.scan('final', out);
    return this.blockReason === undefined ? out : [];
  }

  private scan(mode: 'batch' | 'flush' | 'final', out: Buffer[]): void {
    const final = mode === 'final';
    const parts = this.left.length > 0 ? [this.left, this.carry, ...this.pending] : [this.carry, ...this.pending];
    const window = Buffer.concat(parts);
    const leftLen = this.left.length;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.first) {
      this.first = false;
      this.detectCharset(window.subarray(leftLen));
    }
    if (this.passthrough) {
      if (window.length > leftLen) out.push(window.subarray(leftLen));
      this.carry = Buffer.alloc(0);
      this.left = Buffer.alloc(0);
      return;
    }
    const n = window.length;
    const view = this.family === 'ascii' ? window : Buffer.allocUnsafe(n);
    /** Start of an incomplete multi-byte character at the end (GBK…), or n. */
    let complete = n;
    if (view !== window) {
      this.left.copy(view, 0);
      complete = fillView(this.family, window, view, leftLen, n, final);
    }
    let limit = final ? n : Math.max(leftLen, n - this.carrySize);
    const regionLimit = final ? n : Math.max(leftLen, n - PEM_LOOKAHEAD);
    const origin = this.base - leftLen; // absolute offset of window[0]

    // A key body that started in an earlier window is masked first, so detectors do not see it.
    let regionEnd = leftLen;
    if (this.region !== undefined) regionEnd = this.continueRegion(view, window, leftLen, regionLimit, n, final, origin);

    const text = view.toString('latin1');
    const candidates: Candidate[] = [];
    const from = Math.max(leftLen, regionEnd);
    const ctxBase = { base: origin, state: this.state, gates: new GateHits(view, text, from) };
    for (const rule of this.rules) {
      const ctx: ScanContext = { ...ctxBase, options: rule.options };
      rule.detector.find(text, from, ctx, (m: Match) => candidates.push({ rule, start: m.start, end: m.end }));
    }
    candidates.sort((a, b) => a.start - b.start || a.rule.detector.priority - b.rule.detector.priority || b.end - a.end);
    if (mode === 'flush') {
      // Release up to the earliest place where more data could still make (or unmake) a value.
      let pending = Math.min(n, complete);
      for (const rule of this.rules) {
        const p = rule.detector.pendingFrom(text, limit, { ...ctxBase, options: rule.options });
        if (p < pending) pending = p;
      }
      limit = Math.max(limit, pending);
    }

    let cut = limit;
    if (!final) for (const c of candidates) if (c.end > limit && c.start < cut) cut = c.start;
    if (this.region !== undefined) cut = Math.min(cut, Math.max(leftLen, this.region.pos - origin));

    let lastEnd = regionEnd;
    for (const c of candidates) {
      if (c.start >= cut) break;
      if (c.start < lastEnd) continue;
      this.apply(c, window, text);
      lastEnd = c.end;
      if (this.blockReason !== undefined) return;
      if (c.rule.detector.region !== undefined) {
        this.region = { rule: c.rule, pos: origin + c.end, state: { consumed: 0 } };
        lastEnd = this.continueRegion(view, window, c.end, regionLimit, n, final, origin);
        if (this.region !== undefined) cut = Math.min(cut, Math.max(leftLen, this.region.pos - origin));
      }
    }
    this.checkBulk();
    if (this.blockReason !== undefined) return;

    // Never cut inside a multi-byte character of a GBK/Big5/Shift_JIS body.
    while (cut > leftLen && view[cut] === TRAIL_MARK) cut--;
    if (final) cut = n;
    if (cut > leftLen) out.push(window.subarray(leftLen, cut));
    this.left = Buffer.from(view.subarray(Math.max(0, cut - LEFT_CONTEXT), cut));
    // No copy: the next scan copies the carry into its window (and masks there).
    this.carry = cut < n ? window.subarray(cut) : EMPTY;
    this.base = origin + cut;
  }

  /** Masks an open region from its saved position; returns the window offset where it stopped. */
  private continueRegion(view: Buffer, window: Buffer, from: number, to: number, n: number, final: boolean, origin: number): number {
    const region = this.region;
    if (region === undefined || region.rule.detector.region === undefined) return from;
    const start = Math.max(from, region.pos - origin);
    // With `log` the region is only followed (so its body is not reported as other values): the
    // masker works on a scratch copy.
    const target = region.rule.action === 'mask' ? view : Buffer.from(view);
    const r = region.rule.detector.region.continue(target, target === view ? window : target, start, to, n, final, region.state);
    region.pos = origin + r.pos;
    if (r.closed || final) {
      this.region = undefined;
      return r.pos;
    }
    return n;
  }

  private apply(c: Candidate, window: Buffer, text: string): void {
    const name = c.rule.detector.name;
    const count = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, count);
    if (c.rule.action === 'block') {
      this.blockReason = { detector: name, bulk: false, count };
      return;
    }
    if (c.rule.action === 'mask') {
      const masked = c.rule.detector.mask(text.slice(c.start, c.end), c.rule.keep);
      if (masked.length === c.end - c.start) window.write(masked, c.start, 'latin1');
    }
  }

  private checkBulk(): void {
    for (const rule of this.rules) {
      const count = this.counts.get(rule.detector.name) ?? 0;
      if (rule.bulkThreshold !== undefined && count > rule.bulkThreshold) {
        this.blockReason = { detector: rule.detector.name, bulk: true, count };
        return;
      }
    }
  }

  private detectCharset(head: Buffer): void {
    if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
      this.passthrough = true;
      return;
    }
    if (!this.sniff) return;
    this.sniff = false;
    const label = sniffHtmlCharset(head);
    if (label === undefined) return;
    const family = charsetFamily(label);
    if (family === 'unsupported') this.passthrough = true;
    else this.family = family;
  }
}
