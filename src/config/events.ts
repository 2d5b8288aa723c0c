import { z } from 'zod';
import { loadConfig } from './load.js';

/** Events context settings (env `BULWARK_EVENTS_*`); every field has a safe default. */
export const eventsConfig = z
  .object({
    /** days of events kept, counting today (UTC); 0 keeps everything */
    retentionDays: z.coerce.number().int().min(0).max(3650).default(30),
    /** most events in one ingest request */
    maxBatchEvents: z.coerce.number().int().min(1).max(100_000).default(10_000),
    /** events waiting to be written before producers get 429 */
    maxQueuedEvents: z.coerce.number().int().min(1).max(10_000_000).default(200_000),
    /** seconds between alert-rule evaluations; 0 disables the scheduler */
    ruleIntervalSeconds: z.coerce.number().int().min(0).max(86_400).default(60),
  })
  .strict();

export type EventsConfig = z.infer<typeof eventsConfig>;

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** Reads the events settings from the environment. */
export function eventsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Readonly<EventsConfig> {
  return loadConfig(eventsConfig, {
    env: {},
    flags: {
      retentionDays: nonEmpty(env.BULWARK_EVENTS_RETENTION_DAYS),
      maxBatchEvents: nonEmpty(env.BULWARK_EVENTS_MAX_BATCH),
      maxQueuedEvents: nonEmpty(env.BULWARK_EVENTS_MAX_QUEUED),
      ruleIntervalSeconds: nonEmpty(env.BULWARK_EVENTS_RULE_INTERVAL),
    },
  });
}
