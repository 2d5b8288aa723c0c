import { z } from 'zod';

const text = (max: number) => z.string().max(max);
/** Display-only lists: long ones are cut rather than refused (the result itself must still arrive). */
const clipped = (items: number, chars: number) =>
  z
    .array(z.string().max(65_536))
    .max(4096)
    .transform((xs) => xs.slice(0, items).map((x) => x.slice(0, chars)));

/**
 * One evaluated check as an agent reports it (the agent's `CheckResult`; unknown fields are dropped).
 * The policy text (description, rationale, references, condition, rules) is kept for the console.
 */
export const reportedCheckSchema = z.object({
  id: z.union([z.number().int(), text(128).min(1)]),
  title: text(1024),
  result: z.enum(['passed', 'failed', 'not applicable']),
  reason: text(4096).optional(),
  remediation: text(16_384).optional(),
  compliance: z.record(text(64), z.array(text(256)).max(256)).default({}),
  description: text(16_384).optional(),
  rationale: text(16_384).optional(),
  references: clipped(64, 2048).optional(),
  /** how the rules combine (`all`, `any`, `none`) and the rules as the policy writes them */
  condition: z.enum(['all', 'any', 'none']).optional(),
  rules: clipped(256, 4096).optional(),
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

/** The policy text of a reported check, stored beside its result (null when the agent sent none). */
export function checkDetails(check: ReportedCheck): string | null {
  const d = { description: check.description, rationale: check.rationale, references: check.references, condition: check.condition, rules: check.rules };
  const present = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  return Object.keys(present).length > 0 ? JSON.stringify(present) : null;
}
