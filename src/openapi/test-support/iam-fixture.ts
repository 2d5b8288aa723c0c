import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { fixedClock } from '../../core/clock.js';
import { createLogger } from '../../core/logger.js';
import { initAccount } from '../../iam/bootstrap.js';
import { systemCaller, type Caller } from '../../iam/caller.js';
import type { IamContext } from '../../iam/context.js';
import type { IamTables } from '../../iam/tables.js';
import { openPlatform, type Platform } from '../../server/platform.js';

export interface IamFixture {
  platform: Platform;
  clock: ReturnType<typeof fixedClock>;
  accountId: string;
  /** An IamContext for the account's root (or another caller), writing straight to the database. */
  ctx(caller?: Partial<Caller>): IamContext & { invalidated: string[] };
  close(): Promise<void>;
}

/** A fresh SQLite-backed platform with one account, for service-level tests. */
export async function iamFixture(start = new Date('2026-01-01T00:00:00Z')): Promise<IamFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-iam-'));
  const clock = fixedClock(start);
  const platform = await openPlatform({ dataDir: dir, logger: createLogger({ level: 'silent' }), clock });
  const { accountId } = await initAccount(platform);
  return {
    platform,
    clock,
    accountId,
    ctx(caller = {}) {
      const invalidated: string[] = [];
      return {
        db: platform.storage.db<IamTables>() as Kysely<IamTables>,
        caller: { ...systemCaller(accountId, 'test'), ...caller },
        clock,
        sealer: platform.sealer,
        invalidate: (r) => void invalidated.push(r),
        invalidated,
      };
    },
    async close() {
      await platform.storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
