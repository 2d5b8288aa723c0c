import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { FeedFormat } from '../agent/vuln/advisory.js';
import { importFeed, type FeedImportResult } from '../agent/vuln/feed-import.js';
import { FEED_FORMATS, parseFeed, readFeedDocument } from '../agent/vuln/feed-source.js';
import { listFeeds, type FeedRecord } from '../agent/vuln/feed-store.js';
import { listHostFindings, type HostFinding } from '../agent/vuln/host-findings.js';
import { FEEDS_PATH, HOST_FINDINGS_PATH, IMPORT_FEED_ACTION, LIST_FEEDS_ACTION, LIST_HOST_VULNERABILITIES_ACTION } from '../agent/vuln/paths.js';
import type { VulnTables } from '../agent/vuln/tables.js';
import { BulwarkError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import { createLogger } from '../core/logger.js';
import { accessKeyFromEnv, expectOk, signedPost } from '../events/client.js';
import { systemCaller } from '../iam/caller.js';
import type { IamTables } from '../iam/tables.js';
import { openPlatform, type Platform } from '../server/platform.js';
import { action } from './run.js';
import { storageConfigFrom, withStorageFlags, type StorageFlags } from './storage-flags.js';

interface TargetFlags extends StorageFlags {
  server?: string;
  account?: string;
  format: string[];
}

const OUTPUTS = ['text', 'json'];

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--format` names the output (text, json) and, for imports, the feed format (osv, debian); it may be repeated. */
function formatsOf(values: readonly string[], feedFormats: boolean): { output: 'text' | 'json'; feed?: FeedFormat } {
  let output: 'text' | 'json' = 'text';
  let feed: FeedFormat | undefined;
  for (const v of values) {
    if (OUTPUTS.includes(v)) output = v as 'text' | 'json';
    else if (feedFormats && (FEED_FORMATS as readonly string[]).includes(v)) feed = v as FeedFormat;
    else throw new BulwarkError('InvalidParameter', { field: '--format', reason: `expected ${[...OUTPUTS, ...(feedFormats ? FEED_FORMATS : [])].join(', ')}` });
  }
  return feed ? { output, feed } : { output };
}

function withTarget(command: Command): Command {
  return withStorageFlags(command)
    .option('--server <url>', 'Bulwark server URL (signed with BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET)')
    .option('--account <id>', 'offline (--data-dir): the account to use when the data directory holds several');
}

/** Opens the data directory and resolves the account (the only one, or --account). */
async function withOffline<T>(flags: TargetFlags, fn: (platform: Platform, accountId: string) => Promise<T>): Promise<T> {
  const config = storageConfigFrom(flags);
  const platform = await openPlatform({ dataDir: config.dataDir, database: config.database, logger: createLogger({ level: 'warn' }) });
  try {
    const accounts = (await platform.storage.db<IamTables>().selectFrom('iam_accounts').select('id').orderBy('created_at').execute()).map((a) => a.id);
    let accountId = flags.account;
    if (accountId === undefined) {
      if (accounts.length === 0) throw new BulwarkError('InvalidParameter', { field: '--data-dir', reason: 'no account yet: run `bulwark init` first' });
      if (accounts.length > 1) throw new BulwarkError('MissingParameter', { field: '--account' });
      accountId = accounts[0]!;
    } else if (!accounts.includes(accountId)) throw new BulwarkError('InvalidParameter', { field: '--account', reason: 'no such account in this data directory' });
    return await fn(platform, accountId);
  } finally {
    await platform.storage.close();
  }
}

const pad = (text: string | number | null, width: number): string => {
  const s = text === null ? '-' : String(text);
  return (s.length > width ? `${s.slice(0, width - 1)}…` : s).padEnd(width);
};

function printFeeds(feeds: readonly FeedRecord[]): void {
  process.stdout.write(`${pad('IMPORTED', 21)} ${pad('FORMAT', 7)} ${pad('ADVISORIES', 11)} ${pad('RANGES', 8)} ${pad('BY', 16)} SOURCE\n`);
  for (const f of feeds) process.stdout.write(`${pad(f.importedAt, 21)} ${pad(f.format, 7)} ${pad(f.advisories, 11)} ${pad(f.ranges, 8)} ${pad(f.importedBy, 16)} ${f.source}\n`);
  if (feeds.length === 0) process.stdout.write('no feeds imported yet: bulwark vuln feed import FILE|URL\n');
}

function printFindings(findings: readonly HostFinding[]): void {
  process.stdout.write(`${pad('SEVERITY', 10)} ${pad('SCORE', 5)} ${pad('ADVISORY', 24)} ${pad('PACKAGE', 24)} ${pad('INSTALLED', 24)} ${pad('FIXED', 24)} REMEDIATION\n`);
  for (const f of findings) {
    process.stdout.write(`${pad(f.severity, 10)} ${pad(f.score, 5)} ${pad(f.advisoryId, 24)} ${pad(f.package, 24)} ${pad(f.installedVersion, 24)} ${pad(f.fixedVersion ?? 'no fix yet', 24)} ${f.remediation ?? '-'}\n`);
  }
  process.stdout.write(`${findings.length} finding(s)\n`);
}

export function registerVuln(program: Command): void {
  const vuln = program.command('vuln').description('vulnerable packages: feeds (OSV, Debian Security Tracker) and hosts\' findings (on a server with --server, or offline on --data-dir)');
  const feed = vuln.command('feed').description('vulnerability feeds');

  withTarget(feed.command('import').description('import an OSV JSON file, a folder of OSV .json files, or the Debian Security Tracker JSON (file or http(s) URL)').argument('<source>', 'file, folder or URL'))
    .option('--format <format>', 'feed format osv or debian (detected when omitted); output text or json (repeatable)', collect, [])
    .action(
      action(async (source: string, flags: TargetFlags) => {
        const { output, feed: feedFormat } = formatsOf(flags.format, true);
        process.stderr.write(`reading ${source}\n`);
        const document = await readFeedDocument(source);
        const parsed = parseFeed(document, source, feedFormat);
        process.stderr.write(`${parsed.format}: ${parsed.advisories.length} advisories (${parsed.skipped} entries of other ecosystems or releases skipped)\n`);
        let result: FeedImportResult;
        if (flags.server) {
          const body = Buffer.from(JSON.stringify({ format: parsed.format, source, feed: document }));
          process.stderr.write(`uploading ${(body.length / 1048576).toFixed(1)} MiB to ${flags.server}\n`);
          const json = expectOk(await signedPost(flags.server, `${FEEDS_PATH}/import`, body, 'application/json', accessKeyFromEnv(), IMPORT_FEED_ACTION)) as FeedImportResult & { RequestId?: string };
          delete json.RequestId;
          result = json;
        } else {
          result = await withOffline(flags, (platform, accountId) =>
            importFeed(platform, systemCaller(accountId, newRequestId()), parsed, source, {
              identity: { type: 'system', principalId: 'bulwark-cli', accountId },
              eventType: 'SystemEvent',
              onProgress: (done, total) => process.stderr.write(`\rimported ${done}/${total} advisories`),
            }),
          );
          process.stderr.write('\n');
        }
        if (output === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          process.stdout.write(`imported ${result.advisories} advisories (${result.ranges} affected ranges, ${result.notAffected} not-affected entries, ${result.skipped} skipped) as ${result.feedId}\n`);
          process.stdout.write(`re-matched ${result.hosts.hosts} host(s): ${result.hosts.opened} finding(s) opened, ${result.hosts.resolved} resolved\n`);
        }
      }),
    );

  withTarget(feed.command('list').description('feeds imported into the account'))
    .option('--format <format>', 'text or json', collect, [])
    .action(
      action(async (flags: TargetFlags) => {
        const { output } = formatsOf(flags.format, false);
        const feeds = flags.server
          ? ((expectOk(await signedPost(flags.server, `${FEEDS_PATH}/list`, Buffer.from('{}'), 'application/json', accessKeyFromEnv(), LIST_FEEDS_ACTION)) as { feeds: FeedRecord[] }).feeds)
          : await withOffline(flags, (platform, accountId) => listFeeds(platform.storage.db<VulnTables>() as Kysely<VulnTables>, accountId));
        if (output === 'json') process.stdout.write(`${JSON.stringify({ feeds })}\n`);
        else printFeeds(feeds);
      }),
    );

  withTarget(vuln.command('findings').description('a host\'s vulnerable packages (matched on each inventory report)'))
    .requiredOption('--host <id>', 'host id')
    .option('--status <status>', 'open, resolved or all', 'open')
    .option('--format <format>', 'text or json', collect, [])
    .action(
      action(async (flags: TargetFlags & { host: string; status: string }) => {
        const { output } = formatsOf(flags.format, false);
        if (!['open', 'resolved', 'all'].includes(flags.status)) throw new BulwarkError('InvalidParameter', { field: '--status', reason: 'expected open, resolved or all' });
        const status = flags.status as 'open' | 'resolved' | 'all';
        const findings = flags.server
          ? ((expectOk(await signedPost(flags.server, HOST_FINDINGS_PATH, Buffer.from(JSON.stringify({ host: flags.host, status })), 'application/json', accessKeyFromEnv(), LIST_HOST_VULNERABILITIES_ACTION)) as { findings: HostFinding[] }).findings)
          : await withOffline(flags, (platform, accountId) => listHostFindings(platform.storage.db<VulnTables>() as Kysely<VulnTables>, accountId, flags.host, { status }));
        if (output === 'json') process.stdout.write(`${JSON.stringify({ host: flags.host, findings })}\n`);
        else printFindings(findings);
      }),
    );
}
