import { z } from 'zod';
import { parseSettings } from '../settings.js';

const bucket = z.object({
  enabled: z.boolean().default(true),
  /** failures a source may make without an alert (the alert fires on capacity + 1) */
  capacity: z.number().int().min(0).max(100_000),
  /** seconds for one failure to leak out of the bucket */
  leakSeconds: z.number().positive().max(86_400),
  /** seconds without a second alert for the same source after one */
  blackholeSeconds: z.number().min(0).max(7 * 86_400).default(300),
}).strict();

/** Thresholds of the SSH detector; every field has a default. */
export const sshConfigSchema = z.object({
  /** follow the SSH log in `bulwark agent run` */
  enabled: z.boolean().default(true),
  /** where sshd's messages are read: a log file, journald, or auto (the file if there is one, else journald) */
  source: z.enum(['auto', 'file', 'journald']).default('auto'),
  /** the log file to follow (default: /var/log/auth.log, else /var/log/secure) */
  log: z.string().optional(),
  /** fast brute force: more than 5 failures with one leaking every 10 s (CrowdSec's ssh-bf) */
  bruteforce: bucket.default({ enabled: true, capacity: 5, leakSeconds: 10, blackholeSeconds: 300 }),
  /** slow brute force: more than 10 failures with one leaking every 60 s */
  slowBruteforce: bucket.default({ enabled: true, capacity: 10, leakSeconds: 60, blackholeSeconds: 300 }),
  /** password spraying: more than 5 distinct user names from one source, one leaking every 5 min */
  spraying: bucket.default({ enabled: true, capacity: 5, leakSeconds: 300, blackholeSeconds: 300 }),
  successAfterFailure: z
    .object({
      enabled: z.boolean().default(true),
      /** failures from the source before the success */
      minFailures: z.number().int().min(1).default(3),
      /** how far back those failures count */
      windowSeconds: z.number().positive().default(3600),
    })
    .strict()
    .default({ enabled: true, minFailures: 3, windowSeconds: 3600 }),
  newSource: z
    .object({
      enabled: z.boolean().default(true),
      /** also alert on the very first login ever seen of a user (off: learn it silently) */
      alertOnFirstUser: z.boolean().default(false),
      /** addresses remembered per user (the least recently seen are forgotten) */
      maxSourcesPerUser: z.number().int().min(1).max(10_000).default(64),
    })
    .strict()
    .default({ enabled: true, alertOnFirstUser: false, maxSourcesPerUser: 64 }),
  /** sources never alerted on (monitoring, bastions): IPs or CIDRs */
  ignoreSources: z.array(z.string()).default([]),
}).strict();

export type SshConfig = z.infer<typeof sshConfigSchema>;

/** Validates the `ssh` settings; errors name the field. */
export function parseSshConfig(raw: unknown): SshConfig {
  return parseSettings(sshConfigSchema, raw, 'ssh');
}
