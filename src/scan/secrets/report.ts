import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { accessKeyFromEnv, expectOk, RemoteError, signedPost, type AccessKey } from '../../events/client.js';
import { ACCESS_KEY_ID } from './detector.js';
import type { Finding } from './scanner.js';

/** The RAM action and path of the findings endpoint (see routes.ts). */
export const REPORT_ACTION = 'bulwark:ReportLeakedCredentials';
export const FINDINGS_PATH = '/api/scan/findings';
export const MAX_REPORTED_FINDINGS = 1000;

/** What is sent for one leaked AccessKey: its full id, where it was found, and fingerprints of the secrets next to it — never a secret. */
export const reportedFindingSchema = z.object({
  accessKeyId: z.string().regex(ACCESS_KEY_ID, 'expected an AccessKey id (LTAI… or STS.…)'),
  fingerprints: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'expected SHA-256 hex')).max(64).default([]),
  ruleId: z.string().min(1).max(128),
  file: z.string().max(4096),
  line: z.number().int().min(0),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/, 'expected a commit id').optional(),
  author: z.string().max(256).optional(),
  date: z.string().max(64).optional(),
});
export type ReportedFinding = z.infer<typeof reportedFindingSchema>;

export const findingsReportSchema = z.object({
  source: z.string().max(512).optional(),
  findings: z.array(reportedFindingSchema),
});
export type FindingsReport = z.infer<typeof findingsReportSchema>;

/** One verdict per reported AccessKey id, as the server answers. */
export interface KeyVerdict {
  accessKeyId: string;
  verdict: 'deactivated' | 'pending-approval' | 'already-inactive' | 'unconfirmed' | 'temporary' | 'unknown';
  owner?: string;
  alertId?: string;
}

/** Findings that name an AccessKey id (from any rule), in the report's shape. */
export function reportableFindings(findings: readonly Finding[]): ReportedFinding[] {
  return findings
    .filter((f) => ACCESS_KEY_ID.test(f.secret))
    .map((f) => ({
      accessKeyId: f.secret,
      fingerprints: f.fingerprints ?? [],
      ruleId: f.ruleId,
      file: f.path,
      line: f.line,
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.author !== undefined ? { author: f.author } : {}),
      ...(f.date ? { date: f.date } : {}),
    }));
}

/** Sends AccessKey findings to a Bulwark server (`--report-to`), signed with the caller's own AccessKey. */
export async function reportFindings(server: string, findings: readonly Finding[], source: string, key: AccessKey = accessKeyFromEnv()): Promise<KeyVerdict[]> {
  const reportable = reportableFindings(findings);
  const verdicts: KeyVerdict[] = [];
  for (let i = 0; i < reportable.length; i += MAX_REPORTED_FINDINGS) {
    const body: FindingsReport = { source, findings: reportable.slice(i, i + MAX_REPORTED_FINDINGS) };
    try {
      const json = expectOk(await signedPost(server, FINDINGS_PATH, Buffer.from(JSON.stringify(body)), 'application/json', key, REPORT_ACTION)) as { keys?: KeyVerdict[] };
      verdicts.push(...(json.keys ?? []));
    } catch (e) {
      if (e instanceof RemoteError) throw new BulwarkError('Scan.ReportFailed', { server, reason: e.message });
      if (e instanceof BulwarkError && e.code === 'Storage.Unavailable') throw new BulwarkError('Scan.ReportFailed', { server, reason: e.message });
      throw e;
    }
  }
  return verdicts;
}
