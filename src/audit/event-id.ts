import { randomUUID } from 'node:crypto';

/**
 * A time-ordered event id: a UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds, then 74
 * random bits. Ids of records written together sort together, so each group commit adds to the end
 * of the trail's primary-key index instead of touching one random index page per record (fewer
 * pages written per commit, a smaller WAL, rarer checkpoints).
 */
export function newAuditEventId(now: number = Date.now()): string {
  const ms = now.toString(16).padStart(12, '0');
  // randomUUID() is `xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx` (V = variant 10xx): keep its random part, set version 7
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
