import { BulwarkError } from '../core/errors.js';

/** Exit codes of every command: 0 ok, 1 runtime failure, 2 bad usage or config. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const USAGE_CODES = new Set(['InvalidConfig', 'InvalidConfig.File', 'InvalidParameter', 'MissingParameter', 'Storage.UnsupportedUrl', 'Scan.InvalidRules', 'Scan.UnsupportedRegex', 'Scan.PathNotFound', 'Agent.Baseline.InvalidPolicy', 'Agent.Baseline.PolicyNotFound', 'Agent.Intrusion.InvalidRules', 'Vuln.InvalidFeed', 'Vuln.UnknownFeedFormat', 'Vuln.FeedUnreadable']);

/** Writes a coded error to stderr (never a stack trace for known errors) and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof BulwarkError) {
    process.stderr.write(`bulwark: ${error.code}: ${error.message}\n`);
    return USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`bulwark: failed: ${message}\n`);
  return EXIT_FAILURE;
}

/** Wraps a command action: errors become exit codes; a returned number is the exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      if (typeof code === 'number') process.exitCode = code;
    } catch (e) {
      process.exitCode = reportError(e);
    }
  };
}

/** Validates a `--format` value against the formats a command offers. */
export function formatOf<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: `expected ${allowed.join(' or ')}` });
  return value as T;
}
