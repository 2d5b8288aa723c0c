import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../core/clock.js';
import { fixedClock } from '../../core/clock.js';
import { createLogger } from '../../core/logger.js';
import { initAccount } from '../../iam/bootstrap.js';
import { systemCaller, type Caller } from '../../iam/caller.js';
import type { IamContext } from '../../iam/context.js';
import type { IamTables } from '../../iam/tables.js';
import { openPlatform, type Platform } from '../../server/platform.js';
import type { DialectName } from '../../storage/database.js';
import { TEST_POSTGRES_URL } from '../../storage/test-support/targets.js';

/** Both dialects unless BULWARK_TEST_SKIP_POSTGRES=1 (CI starts PostgreSQL; see .ci/run). */
export function testDialects(): DialectName[] {
  if (process.env.BULWARK_TEST_SKIP_POSTGRES === '1') {
    console.warn('[bulwark tests] BULWARK_TEST_SKIP_POSTGRES=1: PostgreSQL RAM tests are skipped');
    return ['sqlite'];
  }
  return ['sqlite', 'postgres'];
}

/** A migrated platform on a fresh SQLite file or PostgreSQL schema; `dispose` removes it. */
export async function openTestPlatform(dialect: DialectName, clock?: Clock): Promise<{ platform: Platform; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-iam-'));
  const schema = dialect === 'postgres' ? `bw_iam_${randomBytes(6).toString('hex')}` : undefined;
  const platform = await openPlatform({
    dataDir,
    logger: createLogger({ level: 'silent' }),
    ...(clock ? { clock } : {}),
    ...(schema ? { database: TEST_POSTGRES_URL, schema } : {}),
  });
  return {
    platform,
    async dispose() {
      await platform.storage.close();
      if (schema) {
        const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await client.end();
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface IamFixture {
  platform: Platform;
  clock: ReturnType<typeof fixedClock>;
  accountId: string;
  /** An IamContext for the account's root (or another caller), writing straight to the database. */
  ctx(caller?: Partial<Caller>): IamContext & { invalidated: string[] };
  close(): Promise<void>;
}

/** A fresh platform with one account and a fixed clock, for service-level tests. */
export async function iamFixture(options: { start?: Date; dialect?: DialectName } = {}): Promise<IamFixture> {
  const clock = fixedClock(options.start ?? new Date('2026-01-01T00:00:00Z'));
  const { platform, dispose } = await openTestPlatform(options.dialect ?? 'sqlite', clock);
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
    close: dispose,
  };
}
