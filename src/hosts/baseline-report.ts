import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/** One evaluated check as an agent reports it (the agent's `CheckResult`; unknown fields are dropped). */
export const reportedCheckSchema = z.object({
  id: z.union([z.number().int(), text(128).min(1)]),
  title: text(1024),
  result: z.enum(['passed', 'failed', 'not applicable']),
  reason: text(4096).optional(),
  remediation: text(16_384).optional(),
  compliance: z.record(text(64), z.array(text(256)).max(256)).default({}),
});

/** A policy run (the agent's `PolicyResult`). */
export const reportedPolicySchema = z.object({
  id: text(128).min(1),
  name: text(512),
  skipped: text(1024).optional(),
  checks: z.array(reportedCheckSchema).max(5_000),
});

/** `POST /api/hosts/:host/baseline`: every policy the agent ran; policies absent from it are dropped. */
export const baselineReportSchema = z.object({
  policies: z.array(reportedPolicySchema).max(64),
});

export type BaselineReport = z.output<typeof baselineReportSchema>;
export type ReportedCheck = z.output<typeof reportedCheckSchema>;
