import type { DlpAction, DlpConfig } from './config.js';
import { DETECTOR_NAMES, type Detector, type DetectorName, type DetectorOptions, type KeepRule } from './detectors/detector.js';
import { DETECTORS } from './detectors/registry.js';

/** Detectors that are off unless a site turns them on (e-mail addresses are on most pages). */
const OFF_BY_DEFAULT: ReadonlySet<DetectorName> = new Set(['email']);
/** Detectors the site-wide `bulkThreshold` applies to: personal data and credentials. */
const BULK_DEFAULT: ReadonlySet<DetectorName> = new Set(['phone', 'idCard', 'bankCard', 'email', 'accessKey']);

export interface DetectorRule {
  readonly detector: Detector;
  readonly action: DlpAction;
  readonly keep: KeepRule;
  /** Block when the response has more than this many hits; undefined = no limit. */
  readonly bulkThreshold: number | undefined;
  readonly options: DetectorOptions;
}

/** A site's DLP configuration resolved once (at config load) for every response. */
export interface DlpPolicy {
  /** Enabled detectors in priority order. */
  readonly rules: readonly DetectorRule[];
  readonly holdBytes: number;
  /** Time-based flush delay in ms (0: off). */
  readonly flushAfterMs: number;
  readonly enabled: boolean;
  readonly exceptions: readonly string[];
}

export function compileDlpPolicy(config: DlpConfig): DlpPolicy {
  const rules: DetectorRule[] = [];
  for (const name of DETECTOR_NAMES) {
    const c = config.detectors[name];
    const enabled = c?.enabled ?? !OFF_BY_DEFAULT.has(name);
    if (!enabled) continue;
    const detector = DETECTORS[name];
    rules.push({
      detector,
      action: c?.action ?? config.action,
      keep: { prefix: c?.keep?.prefix ?? detector.defaultKeep.prefix, suffix: c?.keep?.suffix ?? detector.defaultKeep.suffix },
      bulkThreshold: c?.bulkThreshold ?? (BULK_DEFAULT.has(name) ? config.bulkThreshold : undefined),
      options: { legacy15: c?.legacy15 ?? false },
    });
  }
  rules.sort((a, b) => a.detector.priority - b.detector.priority);
  return { rules, holdBytes: config.holdBytes, flushAfterMs: config.flushAfterMs, enabled: config.enabled && rules.length > 0, exceptions: [...config.exceptions] };
}

/**
 * The path an exception is compared with: percent-decoded, `.`/`..` segments resolved, repeated
 * slashes collapsed — so `/static/%2e%2e/admin` is `/admin`, not under `/static/*`. Undefined when
 * the path cannot be decoded or holds a backslash or NUL: such a path is always inspected.
 */
export function normalizeRequestPath(path: string): string | undefined {
  const q = path.indexOf('?');
  let p = q < 0 ? path : path.slice(0, q);
  try {
    p = decodeURIComponent(p);
  } catch {
    return undefined;
  }
  if (!p.startsWith('/') || p.includes('\\') || p.includes('\0')) return undefined;
  const out: string[] = [];
  const segments = p.split('/');
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i] ?? '';
    if (s === '..') out.pop();
    else if (s !== '.' && (s !== '' || i === segments.length - 1)) out.push(s);
  }
  return `/${out.join('/')}`;
}

/** True when responses to `path` (query string ignored) are inspected under this policy. */
export function dlpAppliesToPath(policy: DlpPolicy, path: string): boolean {
  if (!policy.enabled) return false;
  const p = normalizeRequestPath(path);
  if (p === undefined) return true;
  for (const e of policy.exceptions) {
    if (e.endsWith('*') ? p.startsWith(e.slice(0, -1)) : p === e) return false;
  }
  return true;
}
