import { z } from 'zod';
import { DETECTOR_NAMES, type DetectorName } from './detectors/detector.js';

/**
 * Per-site DLP configuration, embedded by the gateway in its site schema as `dlp:`. A `dlp` block
 * that is present is enabled unless it says `enabled: false`. See docs/dlp.md.
 *
 * ```yaml
 * dlp:
 *   action: mask                 # mask | block | log, the default for every detector
 *   detectors:
 *     idCard: { action: mask, keep: { prefix: 6, suffix: 4 }, bulkThreshold: 20 }
 *     email: { enabled: true }
 *     stackTrace: { action: block }
 *   exceptions: [/healthz, /static/*]
 *   bulkThreshold: 50             # block a response with more than 50 hits of one personal-data detector
 * ```
 */
export const dlpAction = z.enum(['mask', 'block', 'log']);
export type DlpAction = z.output<typeof dlpAction>;

const keepCount = z.number().int().min(0).max(16);

export const dlpKeepRule = z
  .object({
    prefix: keepCount.optional(),
    suffix: keepCount.optional(),
  })
  .strict();

export const dlpDetectorConfig = z
  .object({
    enabled: z.boolean().optional(),
    action: dlpAction.optional(),
    keep: dlpKeepRule.optional(),
    /** Block the response when this detector matches more than N times in it. */
    bulkThreshold: z.number().int().min(1).optional(),
    /** idCard only: also accept 15-digit legacy numbers. */
    legacy15: z.boolean().optional(),
  })
  .strict();
export type DlpDetectorConfig = z.output<typeof dlpDetectorConfig>;

const detectorShape = Object.fromEntries(DETECTOR_NAMES.map((name) => [name, dlpDetectorConfig.optional()])) as Record<
  DetectorName,
  z.ZodOptional<typeof dlpDetectorConfig>
>;

/** `/exact/path` or a prefix ending with `*` (`/static/*`, `/api/v1/export*`). */
export const dlpPathException = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^\/[^*\s]*\*?$/, 'expected an absolute path such as /healthz, optionally ending with * for a prefix');

export const dlpConfig = z
  .object({
    enabled: z.boolean().default(true),
    action: dlpAction.default('mask'),
    detectors: z.object(detectorShape).strict().default({}),
    exceptions: z.array(dlpPathException).max(1000).default([]),
    /** Applies to phone, idCard, bankCard, email and accessKey unless a detector sets its own. */
    bulkThreshold: z.number().int().min(1).optional(),
    /**
     * Bytes of (decoded) body inspected before the response head is released; a block decision
     * inside this window can still become a clean 502 page. 0 releases immediately.
     */
    holdBytes: z.number().int().min(0).max(8 * 1024 * 1024).default(64 * 1024),
    /**
     * Time-based flush: bytes held (the head before `holdBytes`, a partial scan batch, the carry-over)
     * are scanned and released at most this many milliseconds after they arrived, even when no more
     * data comes — except a trailing piece that could still be the start of a value. 0 turns it off.
     */
    flushAfterMs: z.number().int().min(0).max(60_000).default(200),
  })
  .strict();

export type DlpConfig = z.output<typeof dlpConfig>;
export type DlpConfigInput = z.input<typeof dlpConfig>;
