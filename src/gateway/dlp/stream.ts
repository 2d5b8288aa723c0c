import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import {
  constants as zc,
  createBrotliCompress,
  createBrotliDecompress,
  createDeflate,
  createGunzip,
  createGzip,
  createInflate,
} from 'node:zlib';
import { BulwarkError } from '../../core/errors.js';
import { ChainTransform } from './chain.js';
import { dlpConfig, type DlpAction, type DlpConfig } from './config.js';
import { inspectionFor, type DlpContentEncoding, type InspectDecision } from './content-type.js';
import type { DetectorName } from './detectors/detector.js';
import { compileDlpPolicy, dlpAppliesToPath, type DlpPolicy } from './policy.js';
import { flushClock, type FlushClock, type FlushTarget } from './flush-clock.js';
import { DlpScanner, type DlpBlockReason, type DlpHit } from './scanner.js';

/** One per detector that matched in a response, emitted once when the response ends or is blocked. */
export interface DlpEvent {
  readonly detector: DetectorName;
  readonly count: number;
  readonly action: DlpAction;
  /** Set on the blocking event when the bulk threshold (not a block action) blocked the response. */
  readonly bulk?: true;
}

/**
 * What the proxy does with the response head:
 * - `pass`: send the head (see `dlpResponseHeaders`) and pipe the stream to the client;
 * - `block`: nothing has been sent; answer with the 502 block page instead and drop the upstream;
 * - `error`: the body could not be decoded before anything was sent; answer 502 too.
 */
export type DlpVerdict =
  | { readonly action: 'pass' }
  | { readonly action: 'block'; readonly reason: DlpBlockReason; readonly error: BulwarkError }
  | { readonly action: 'error'; readonly error: BulwarkError };

export interface DlpStreamOptions {
  readonly contentType: string | undefined;
  readonly contentEncoding?: string | undefined;
  readonly onEvent?: (event: DlpEvent) => void;
  /**
   * What a block decided before the head was released does to the stream: `abort` (default)
   * destroys it with `Dlp.ResponseBlocked`, like a block after release — right for a proxy that
   * sends the head without waiting; `replace` ends it empty and quietly, for a proxy that awaits
   * `verdict` before sending the head and answers a `block` verdict with its 502 page.
   */
  readonly blockMode?: 'abort' | 'replace';
  /** Overrides the policy's `holdBytes`. */
  readonly holdBytes?: number;
  /** Overrides the policy's `flushAfterMs` (0: no time-based flush). */
  readonly flushAfterMs?: number;
  /** Overrides the scanner's batch size (32 KiB). */
  readonly minScanBytes?: number;
  /** Re-compression effort: gzip/deflate level (default 6) and brotli quality (default 5). */
  readonly gzipLevel?: number;
  readonly brotliQuality?: number;
}

/** The body transform (write upstream bytes, read client bytes) with its verdict. */
export interface DlpStream extends Transform {
  /** Resolves (never rejects) once the head may be sent or the response must be replaced. */
  readonly verdict: Promise<DlpVerdict>;
  /** False when the body is passed through unchanged (not a text type, unknown encoding, UTF-16…). */
  readonly inspecting: boolean;
  /** True when the body is re-compressed: its length changes, drop `Content-Length` (send chunked). */
  readonly reencoded: boolean;
  /** `!reencoded`: masks keep the length, so the proxy may keep `Content-Length`. */
  readonly preservesLength: boolean;
  /** Per-detector counts so far. */
  hits(): DlpHit[];
}

function blockError(reason: DlpBlockReason): BulwarkError {
  return new BulwarkError('Dlp.ResponseBlocked', { detector: reason.detector, count: reason.count, reason: reason.bulk ? ' (bulk threshold exceeded)' : '' });
}

/**
 * The scanning stage on decoded bytes. It holds its output until `holdBytes` have been inspected
 * (or the body ended) and then resolves the verdict: a block decided inside that window leaves
 * nothing sent, so the proxy can still answer with a 502 page. After release, a block can only
 * abort the stream: it is destroyed with `Dlp.ResponseBlocked`.
 *
 * Time-based flush: `flushAfterMs` after bytes started being held (and without waiting for more),
 * the scanner is flushed (`DlpScanner.flush`) and the head released, so a slowly streamed response
 * (long polling, NDJSON, progressive pages) is not held back. The timer is armed again
 * only when more data arrives: a trailing piece that could begin a value waits for it. The delay
 * runs on the `FlushClock` shared by every response with the same `flushAfterMs`.
 */
class ScanTransform extends Transform implements FlushTarget {
  readonly scanner: DlpScanner;
  readonly verdict: Promise<DlpVerdict>;
  private resolveVerdict!: (v: DlpVerdict) => void;
  private released = false;
  private settled = false;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private discarding = false;
  private reported = false;
  private readonly clock: FlushClock | undefined;
  private flushArmed = false;
  flushDue = 0;

  constructor(
    scanner: DlpScanner,
    private readonly holdBytes: number,
    private readonly onEvent: ((e: DlpEvent) => void) | undefined,
    private readonly replaceOnBlock: boolean,
    flushAfterMs: number,
  ) {
    super();
    this.scanner = scanner;
    this.clock = flushAfterMs > 0 ? flushClock(flushAfterMs) : undefined;
    this.verdict = new Promise((resolve) => {
      this.resolveVerdict = resolve;
    });
    if (holdBytes === 0) this.release();
  }

  settle(v: DlpVerdict): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveVerdict(v);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (this.discarding) return callback();
    try {
      this.forward(this.scanner.write(chunk));
    } catch (e) {
      return this.fail(e);
    }
    this.armFlush();
    callback();
  }

  /** Starts the flush delay when bytes are held and none is running. */
  private armFlush(): void {
    if (this.clock === undefined || this.flushArmed || this.discarding) return;
    if (this.released && this.scanner.heldBytes === 0) return;
    this.flushArmed = true;
    this.clock.arm(this);
  }

  private clearFlush(): void {
    if (!this.flushArmed) return;
    this.flushArmed = false;
    this.clock?.disarm(this);
  }

  /** Called by the flush clock once `flushAfterMs` passed since the delay was armed. */
  onFlushTimer(): void {
    this.flushArmed = false;
    if (this.discarding || this.destroyed || this.writableFinished) return;
    try {
      this.forward(this.scanner.flush());
    } catch (e) {
      return this.fail(e);
    }
    if (!this.discarding) this.release();
  }

  override _flush(callback: TransformCallback): void {
    this.clearFlush();
    if (this.discarding) return callback();
    try {
      this.forward(this.scanner.end());
    } catch (e) {
      return this.fail(e);
    }
    if (this.discarding) return callback();
    this.release();
    this.report();
    callback();
  }

  /** An internal failure fails closed: nothing more passes, the verdict (or the stream) reports it. */
  private fail(e: unknown): void {
    this.clearFlush();
    this.discarding = true;
    this.held = [];
    const error = new BulwarkError('InternalError', {}, { cause: e });
    this.settle({ action: 'error', error });
    this.destroy(this.listenerCount('error') > 0 ? error : undefined);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearFlush();
    // A response cut short (client gone, upstream broken) still reports what it had leaked so far.
    this.report();
    if (error !== null && !this.settled) {
      this.settle({ action: 'error', error: error instanceof BulwarkError ? error : new BulwarkError('Dlp.DecodeFailed', { encoding: 'body', reason: error.message }) });
    }
    this.held = [];
    callback(error);
  }

  private forward(out: Buffer[]): void {
    const reason = this.scanner.blocked;
    if (reason !== undefined) return this.block(reason);
    if (this.released) {
      for (const b of out) this.push(b);
      return;
    }
    for (const b of out) {
      this.held.push(b);
      this.heldBytes += b.length;
    }
    if (this.heldBytes >= this.holdBytes) this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.settle({ action: 'pass' });
    const held = this.held;
    this.held = [];
    for (const b of held) this.push(b);
  }

  private block(reason: DlpBlockReason): void {
    this.clearFlush();
    this.discarding = true;
    this.held = [];
    this.report();
    const error = blockError(reason);
    if (!this.released) {
      // Nothing was sent yet: the proxy can still replace the response.
      this.settle({ action: 'block', reason, error });
      if (this.replaceOnBlock) {
        this.push(null);
        return;
      }
    }
    // Nobody listening for errors (not piped yet): destroy without one rather than crash the process;
    // a pipeline attached later still sees a premature close.
    this.destroy(this.listenerCount('error') > 0 ? error : undefined);
  }

  private report(): void {
    if (this.reported || this.onEvent === undefined) return;
    this.reported = true;
    const reason = this.scanner.blocked;
    for (const h of this.scanner.hits()) {
      const bulk = reason !== undefined && reason.bulk && reason.detector === h.detector;
      this.onEvent(bulk ? { ...h, bulk: true } : h);
    }
  }
}

function decoderFor(encoding: DlpContentEncoding): Transform | undefined {
  // Tolerate a missing end-of-stream marker like browsers do (truncated but valid prefixes).
  const lenient = { finishFlush: zc.Z_SYNC_FLUSH };
  if (encoding === 'gzip') return createGunzip(lenient);
  if (encoding === 'deflate') return createInflate(lenient);
  if (encoding === 'br') return createBrotliDecompress({ finishFlush: zc.BROTLI_OPERATION_FLUSH });
  return undefined;
}

function encoderFor(encoding: DlpContentEncoding, options: DlpStreamOptions): Transform | undefined {
  // Each scanned batch is flushed so a streamed page reaches the client without waiting for more.
  const level = options.gzipLevel ?? 6;
  if (encoding === 'gzip') return createGzip({ level, flush: zc.Z_SYNC_FLUSH });
  if (encoding === 'deflate') return createDeflate({ level, flush: zc.Z_SYNC_FLUSH });
  if (encoding === 'br') {
    return createBrotliCompress({
      flush: zc.BROTLI_OPERATION_FLUSH,
      params: { [zc.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? 5, [zc.BROTLI_PARAM_MODE]: zc.BROTLI_MODE_TEXT },
    });
  }
  return undefined;
}

function passThrough(): DlpStream {
  return Object.assign(new PassThrough(), {
    verdict: Promise.resolve<DlpVerdict>({ action: 'pass' }),
    inspecting: false,
    reencoded: false,
    preservesLength: true,
    hits: (): DlpHit[] => [],
  });
}

function asPolicy(config: DlpPolicy | DlpConfig): DlpPolicy {
  return 'rules' in config ? config : compileDlpPolicy(dlpConfig.parse(config));
}

/**
 * Creates the DLP body transform of one response. Bodies that are not inspectable (see
 * `inspectionFor`) get a plain pass-through. Compressed bodies are decoded, scanned and re-encoded
 * with the same encoding (`reencoded` is then true).
 */
export function createDlpStream(config: DlpPolicy | DlpConfig, options: DlpStreamOptions): DlpStream {
  return streamFor(asPolicy(config), inspectionFor(options.contentType, options.contentEncoding), options);
}

function streamFor(policy: DlpPolicy, decision: InspectDecision, options: DlpStreamOptions): DlpStream {
  if (!policy.enabled || !decision.inspect) return passThrough();
  const scanner = new DlpScanner(policy, {
    charset: decision.charset,
    sniffHtmlCharset: decision.sniffCharset,
    ...(options.minScanBytes !== undefined ? { minScanBytes: options.minScanBytes } : {}),
  });
  const scan = new ScanTransform(scanner, options.holdBytes ?? policy.holdBytes, options.onEvent, options.blockMode === 'replace', options.flushAfterMs ?? policy.flushAfterMs);
  const decoder = decoderFor(decision.encoding);
  const encoder = encoderFor(decision.encoding, options);
  const extras = { verdict: scan.verdict, inspecting: true, hits: (): DlpHit[] => scanner.hits() };
  if (decoder === undefined || encoder === undefined) return Object.assign(scan, extras, { reencoded: false, preservesLength: true });
  decoder.on('error', (e: Error) => scan.settle({ action: 'error', error: new BulwarkError('Dlp.DecodeFailed', { encoding: decision.encoding, reason: e.message }) }));
  const composed = new ChainTransform([decoder, scan, encoder]);
  return Object.assign(composed, extras, { reencoded: true, preservesLength: false });
}

/** Minimal view of the request and response a proxy has when it decides to add the transform. */
export interface DlpResponseInfo {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
}

function headerValue(headers: DlpResponseInfo['headers'], name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/**
 * The DLP transform for a response, or undefined when DLP does not apply to it: policy disabled,
 * path excepted, HEAD request, a status without a body, or a body that is not inspectable.
 */
export function dlpStreamFor(policy: DlpPolicy, response: DlpResponseInfo, options: Omit<DlpStreamOptions, 'contentType' | 'contentEncoding'> = {}): DlpStream | undefined {
  if (!dlpAppliesToPath(policy, response.path)) return undefined;
  if (response.method === 'HEAD' || response.status === 204 || response.status === 304 || (response.status >= 100 && response.status < 200)) return undefined;
  const contentType = headerValue(response.headers, 'content-type');
  const contentEncoding = headerValue(response.headers, 'content-encoding');
  const decision = inspectionFor(contentType, contentEncoding);
  if (!decision.inspect) return undefined;
  return streamFor(policy, decision, { ...options, contentType, contentEncoding });
}
