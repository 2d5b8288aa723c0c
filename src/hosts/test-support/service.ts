import type { Kysely } from 'kysely';
import { fixedClock } from '../../core/clock.js';
import { initAccount } from '../../iam/bootstrap.js';
import { systemCaller, type Caller } from '../../iam/caller.js';
import type { IamTables } from '../../iam/tables.js';
import { openTestPlatform } from '../../openapi/test-support/iam-fixture.js';
import type { Platform } from '../../server/platform.js';
import type { DialectName } from '../../storage/database.js';
import type { Enrollment } from '../enroll.js';
import { HostService } from '../service.js';
import type { HostsTables } from '../tables.js';

export const testMeta = { requestId: 'req-1', sourceIp: '10.0.0.1' };

export interface HostServiceFixture {
  platform: Platform;
  clock: ReturnType<typeof fixedClock>;
  service: HostService;
  /** the account's root, as a caller */
  root: Caller;
  /** ECS documents the service sent to the event store */
  events: Array<Record<string, unknown>>;
  /** what the service asked the IAM caches to drop */
  invalidated: string[];
  db(): Kysely<HostsTables & IamTables>;
  /** Enrolls a host with a fresh token; `caller` is the host's own identity. */
  enrolled(hostname?: string): Promise<{ e: Enrollment; caller: Caller }>;
  dispose(): Promise<void>;
}

/** A migrated platform (SQLite or PostgreSQL) with one account and a HostService on a fixed clock. */
export async function hostServiceFixture(dialect: DialectName): Promise<HostServiceFixture> {
  const clock = fixedClock(new Date('2026-01-01T00:00:00Z'));
  const { platform, dispose } = await openTestPlatform(dialect, clock);
  const root = systemCaller((await initAccount(platform)).accountId, 'req-0');
  const events: Array<Record<string, unknown>> = [];
  const invalidated: string[] = [];
  const service = new HostService({
    storage: platform.storage,
    audit: platform.audit,
    clock,
    sealer: platform.sealer,
    logger: platform.logger,
    events: {
      ingest: async (docs) => {
        events.push(...(docs as Array<Record<string, unknown>>));
        return { accepted: docs.length, rejected: [] };
      },
    },
    invalidate: (r) => void invalidated.push(r),
  });
  const db = () => platform.storage.db<HostsTables & IamTables>() as Kysely<HostsTables & IamTables>;
  return {
    platform,
    clock,
    service,
    root,
    events,
    invalidated,
    db,
    async enrolled(hostname = 'web-1') {
      const token = await service.createToken(root, testMeta, { ttlSeconds: 3600, label: 'prod' });
      const e = await service.enroll(testMeta, { token: token.Token, hostname, os: 'Debian 12', agentVersion: '0.1.0' });
      const user = await db().selectFrom('iam_users').select(['id', 'name']).where('name', '=', e.UserName).executeTakeFirstOrThrow();
      return { e, caller: { ...root, principalType: 'user', principalId: user.id, principalName: user.name, accessKeyId: e.AccessKeyId } };
    },
    dispose,
  };
}
