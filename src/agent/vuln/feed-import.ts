import type { AuditEventInput, UserIdentity } from '../../audit/event.js';
import type { AuditTrail } from '../../audit/trail.js';
import type { Clock } from '../../core/clock.js';
import { userIdentityOf, type Caller } from '../../iam/caller.js';
import type { Storage } from '../../storage/database.js';
import type { ParsedFeed } from './advisory.js';
import { storeFeed, type FeedImportCounts } from './feed-store.js';
import { rematchHosts } from './host-rematch.js';

export interface FeedImportDeps {
  storage: Storage;
  audit: AuditTrail;
  clock: Clock;
}

export interface FeedImportResult extends FeedImportCounts {
  format: ParsedFeed['format'];
  source: string;
  /** hosts re-matched from their latest inventory, and the findings that opened or resolved */
  hosts: { hosts: number; opened: number; resolved: number };
}

/**
 * Imports a parsed feed into the caller's account and re-matches the account's hosts from their
 * latest inventories: advisories, ranges, the feed record, the hosts' findings and the audit event
 * commit together (a failure leaves nothing half-imported).
 */
export async function importFeed(
  deps: FeedImportDeps,
  caller: Caller,
  feed: ParsedFeed,
  source: string,
  options: { identity?: UserIdentity; eventType?: AuditEventInput['eventType']; onProgress?: (done: number, total: number) => void } = {},
): Promise<FeedImportResult> {
  const now = `${deps.clock.now().toISOString().slice(0, 19)}Z`;
  const identity = options.identity ?? userIdentityOf(caller);
  return deps.storage.transaction(async (trx) => {
    const stored = await storeFeed(trx, { accountId: caller.accountId, feed, source, importedBy: identity.userName ?? identity.principalId, now, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    const counts = { ...stored, hosts: await rematchHosts(trx, caller.accountId, now) };
    await deps.audit.append(trx, {
      eventName: 'ImportVulnerabilityFeed',
      eventSource: 'vuln',
      eventType: options.eventType ?? 'ApiCall',
      eventRW: 'Write',
      requestId: caller.requestId,
      requestParameters: { format: feed.format, source },
      responseElements: { ...counts },
      sourceIpAddress: caller.sourceIp,
      ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
      userIdentity: identity,
    });
    return { ...counts, format: feed.format, source };
  });
}
