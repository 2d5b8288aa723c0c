import { dlpConfig, type DlpConfigInput } from '../config.js';
import { compileDlpPolicy, type DlpPolicy } from '../policy.js';
import { DlpScanner, type DlpHit } from '../scanner.js';

export function policyOf(input: DlpConfigInput = {}): DlpPolicy {
  return compileDlpPolicy(dlpConfig.parse(input));
}

/** Scans `text` in one piece with every detector enabled (email too) unless `input` says otherwise. */
export function scanText(text: string, input: DlpConfigInput = { detectors: { email: { enabled: true } } }): { out: string; hits: DlpHit[]; blocked: boolean } {
  const scanner = new DlpScanner(policyOf(input));
  const parts = [...scanner.write(Buffer.from(text, 'utf8')), ...scanner.end()];
  return { out: Buffer.concat(parts).toString('utf8'), hits: scanner.hits(), blocked: scanner.blocked !== undefined };
}

/** Hit count of one detector in `text`. */
export function countOf(text: string, detector: string, input?: DlpConfigInput): number {
  return scanText(text, input).hits.find((h) => h.detector === detector)?.count ?? 0;
}
