import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Advisory, ParsedFeed } from './advisory.js';
import type { DistroRelease } from './ecosystem.js';
import type { IndexedRange } from './match.js';
import type { Severity } from './severity.js';
import type { VulnTables } from './tables.js';

/** Rows per multi-row INSERT and ids per IN list (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface FeedImportCounts {
  feedId: string;
  advisories: number;
  ranges: number;
  notAffected: number;
  skipped: number;
}

export interface FeedRecord {
  id: string;
  format: string;
  source: string;
  advisories: number;
  ranges: number;
  notAffected: number;
  skipped: number;
  importedBy: string;
  importedAt: string;
}

/**
 * Stores a parsed feed for an account inside the caller's transaction. An advisory replaces the
 * stored one with its id; its ranges replace the stored ranges of the same (release, package), so
 * a feed covering some packages leaves the others' ranges alone, and "not affected" clears them.
 */
export async function storeFeed(
  trx: Kysely<unknown>,
  input: { accountId: string; feed: ParsedFeed; source: string; importedBy: string; now: string; onProgress?: (done: number, total: number) => void },
): Promise<FeedImportCounts> {
  const db = trx as Kysely<VulnTables>;
  const { accountId, feed, now } = input;
  const feedId = `feed-${randomUUID()}`;
  const advisories = feed.advisories;
  let ranges = 0;
  let notAffected = 0;
  let done = 0;
  for (const batch of chunks(advisories)) {
    const ids = batch.map((a) => a.id);
    const existing = new Set((await db.selectFrom('vuln_advisories').select('id').where('account_id', '=', accountId).where('id', 'in', ids).execute()).map((r) => r.id));
    await clearRanges(db, accountId, batch.filter((a) => existing.has(a.id)));
    if (existing.size > 0) await db.deleteFrom('vuln_advisories').where('account_id', '=', accountId).where('id', 'in', [...existing]).execute();
    await db
      .insertInto('vuln_advisories')
      .values(batch.map((a) => ({ account_id: accountId, id: a.id, aliases: JSON.stringify(a.aliases), summary: a.summary, modified: a.modified, feed_id: feedId })))
      .execute();
    const rows = batch.flatMap((a) =>
      a.affected.map((r) => ({
        account_id: accountId,
        advisory_id: a.id,
        distro: r.distro,
        release: r.release,
        package: r.package,
        introduced: r.introduced,
        fixed: r.fixed,
        last_affected: r.lastAffected,
        severity: r.severity,
        score: r.score,
        vector: r.vector,
        rating: r.rating,
      })),
    );
    for (const part of chunks(rows, 200)) await db.insertInto('vuln_ranges').values(part).execute();
    ranges += rows.length;
    notAffected += batch.reduce((n, a) => n + a.notAffected.length, 0);
    done += batch.length;
    input.onProgress?.(done, advisories.length);
  }
  const counts = { feedId, advisories: advisories.length, ranges, notAffected, skipped: feed.skipped };
  await db
    .insertInto('vuln_feeds')
    .values({ id: feedId, account_id: accountId, format: feed.format, source: input.source.slice(0, 2048), advisories: counts.advisories, ranges, not_affected: notAffected, skipped: feed.skipped, imported_by: input.importedBy.slice(0, 256), imported_at: now })
    .execute();
  return counts;
}

/** Deletes the stored ranges of the (release, package) pairs the new advisories speak about. */
async function clearRanges(db: Kysely<VulnTables>, accountId: string, advisories: readonly Advisory[]): Promise<void> {
  const keys = new Map<string, [string, string, string, string]>();
  for (const a of advisories) for (const r of [...a.affected, ...a.notAffected]) keys.set(`${a.id}\u0000${r.distro}\u0000${r.release}\u0000${r.package}`, [a.id, r.distro, r.release, r.package]);
  for (const part of chunks([...keys.values()], 200)) {
    await db
      .deleteFrom('vuln_ranges')
      .where('account_id', '=', accountId)
      .where(({ eb, refTuple, tuple }) => eb(refTuple('advisory_id', 'distro', 'release', 'package'), 'in', part.map((k) => tuple(...k))))
      .execute();
  }
}

export async function listFeeds(db: Kysely<VulnTables>, accountId: string): Promise<FeedRecord[]> {
  const rows = await db.selectFrom('vuln_feeds').selectAll().where('account_id', '=', accountId).orderBy('imported_at', 'desc').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, format: r.format, source: r.source, advisories: r.advisories, ranges: r.ranges, notAffected: r.not_affected, skipped: r.skipped, importedBy: r.imported_by, importedAt: r.imported_at }));
}

/** Counts of what an account has stored. */
export async function storedTotals(db: Kysely<VulnTables>, accountId: string): Promise<{ advisories: number; ranges: number }> {
  const a = await db.selectFrom('vuln_advisories').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  const r = await db.selectFrom('vuln_ranges').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return { advisories: Number(a.n), ranges: Number(r.n) };
}

/** The stored ranges of a release for the named packages, indexed by package. */
export async function loadIndex(db: Kysely<VulnTables>, accountId: string, target: DistroRelease, packages: readonly string[]): Promise<Map<string, IndexedRange[]>> {
  const index = new Map<string, IndexedRange[]>();
  for (const names of chunks([...new Set(packages)])) {
    const rows = await db
      .selectFrom('vuln_ranges as r')
      .innerJoin('vuln_advisories as a', (j) => j.onRef('a.account_id', '=', 'r.account_id').onRef('a.id', '=', 'r.advisory_id'))
      .select(['r.advisory_id', 'r.package', 'r.introduced', 'r.fixed', 'r.last_affected', 'r.severity', 'r.score', 'r.rating', 'a.aliases', 'a.summary'])
      .where('r.account_id', '=', accountId)
      .where('r.distro', '=', target.distro)
      .where('r.release', '=', target.release)
      .where('r.package', 'in', names)
      .execute();
    for (const r of rows) {
      const list = index.get(r.package) ?? [];
      list.push({
        advisoryId: r.advisory_id,
        aliases: JSON.parse(r.aliases) as string[],
        summary: r.summary,
        range: { introduced: r.introduced, fixed: r.fixed, lastAffected: r.last_affected, severity: r.severity as Severity, score: r.score === null ? null : Number(r.score), rating: r.rating },
      });
      index.set(r.package, list);
    }
  }
  return index;
}
