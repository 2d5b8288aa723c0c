import { z } from 'zod';
import { loadConfig } from './load.js';

/** Audit trail settings (env `BULWARK_AUDIT_*`); see docs/audit.md, "Durability". */
export const auditConfig = z
  .object({
    /** `batched`: calls that change nothing are answered once their record is committed, fsync within `syncIntervalMs`; `strict`: once fsynced */
    durability: z.enum(['batched', 'strict']).default('batched'),
    /** batched durability: longest time between a record's commit and its fsync (ms) */
    syncIntervalMs: z.coerce.number().int().min(10).max(60_000).default(1000),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditConfig>;

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** Reads the audit settings from the environment. */
export function auditConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Readonly<AuditConfig> {
  return loadConfig(auditConfig, { env: {}, flags: { durability: nonEmpty(env.BULWARK_AUDIT_DURABILITY), syncIntervalMs: nonEmpty(env.BULWARK_AUDIT_SYNC_INTERVAL_MS) } });
}
