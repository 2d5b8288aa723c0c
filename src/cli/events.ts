import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { eventsConfigFromEnv } from '../config/events.js';
import { accessKeyFromEnv, expectOk, signedPost } from '../events/client.js';
import { InvalidLine } from '../events/ingest.js';
import type { EventProblem } from '../events/normalize.js';
import { INGEST_PATH, PUT_EVENTS_ACTION, SEARCH_EVENTS_ACTION, SEARCH_PATH } from '../events/routes.js';
import { EventService, searchInput, type SearchOutput } from '../events/service.js';
import type { AggregationResult } from '../events/store/event-store.js';
import { registerAlerts } from './events-alerts.js';
import { registerChannels } from './events-channels.js';
import { registerRules } from './events-rules.js';
import { EXIT_FAILURE, EXIT_OK, action, formatOf } from './run.js';
import { storageConfigFrom, withStorageFlags, type StorageFlags } from './storage-flags.js';

interface TargetFlags extends StorageFlags {
  server?: string;
  format: string;
}

const CHUNK = 5_000;

/** Yields batches of parsed documents from an NDJSON file (or one JSON array). */
async function* readBatches(file: string): AsyncGenerator<unknown[]> {
  let head = '';
  try {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(64);
    const n = readSync(fd, buf, 0, 64, 0);
    closeSync(fd);
    head = buf.subarray(0, n).toString('utf8').trimStart().slice(0, 1);
  } catch (e) {
    throw new BulwarkError('InvalidParameter', { field: 'FILE', reason: `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
  }
  if (head === '[') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new BulwarkError('Events.InvalidBatch', { reason: `${file} is not a valid JSON array` });
    }
    const all = Array.isArray(parsed) ? parsed : [parsed];
    for (let i = 0; i < all.length; i += CHUNK) yield all.slice(i, i + CHUNK);
    return;
  }
  let batch: unknown[] = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    try {
      batch.push(JSON.parse(line));
    } catch {
      batch.push(new InvalidLine('the line is not valid JSON'));
    }
    if (batch.length >= CHUNK) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function serialiseBatch(batch: unknown[]): Buffer {
  return Buffer.from(batch.map((d) => (d instanceof InvalidLine ? '\u0000invalid' : JSON.stringify(d))).join('\n'));
}

async function withOfflineService<T>(flags: StorageFlags, fn: (service: EventService) => Promise<T>): Promise<T> {
  const { dataDir } = storageConfigFrom(flags);
  const service = await EventService.open(dataDir, eventsConfigFromEnv());
  try {
    return await fn(service);
  } finally {
    await service.close();
  }
}

function cell(value: unknown, width: number): string {
  const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);
}

function pick(doc: Record<string, unknown>, path: string): unknown {
  if (path in doc) return doc[path];
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), doc);
}

function printAggregation(a: AggregationResult): void {
  switch (a.kind) {
    case 'terms':
      process.stdout.write(`\nterms ${a.field}\n`);
      for (const b of a.buckets) process.stdout.write(`  ${cell(b.key, 40)} ${b.count}\n`);
      break;
    case 'date_histogram':
      process.stdout.write(`\ndate histogram (${a.intervalMs / 1000}s)\n`);
      for (const b of a.buckets) process.stdout.write(`  ${cell(new Date(b.key).toISOString(), 26)} ${b.count}\n`);
      break;
    case 'cardinality':
      process.stdout.write(`\ncardinality ${a.field}: ${a.value}\n`);
      break;
    case 'percentiles':
      process.stdout.write(`\npercentiles ${a.field}: ${Object.entries(a.values).map(([p, v]) => `p${p}=${v ?? '-'}`).join(' ')}\n`);
      break;
  }
}

const TABLE_COLUMNS: ReadonlyArray<[string, number]> = [['@timestamp', 24], ['event.action', 16], ['event.outcome', 8], ['source.ip', 16], ['user.name', 12], ['message', 50]];

function printTable(result: SearchOutput): void {
  process.stdout.write(`${TABLE_COLUMNS.map(([name, w]) => cell(name, w)).join(' ')}\n`);
  for (const doc of result.events) process.stdout.write(`${TABLE_COLUMNS.map(([name, w]) => cell(pick(doc, name), w)).join(' ')}\n`);
  process.stdout.write(`${result.events.length} of ${result.total} event(s)${result.searchAfter ? ` — next page: --search-after '${JSON.stringify(result.searchAfter)}'` : ''}\n`);
  result.aggregations.forEach(printAggregation);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function registerEvents(program: Command): void {
  const events = program.command('events').description('security-center events: ingest and search (on a server with --server, or offline on --data-dir); alert rules, alerts and notification channels on a server');

  withStorageFlags(events.command('ingest').description('ingest an NDJSON file (or a JSON array of events)').argument('<file>', 'NDJSON or JSON file'))
    .option('--server <url>', 'Bulwark server URL (signed with BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (file: string, flags: TargetFlags) => {
        const format = formatOf(flags.format, ['text', 'json']);
        let accepted = 0;
        let offset = 0;
        const rejected: EventProblem[] = [];
        const consume = (r: { accepted: number; rejected: readonly EventProblem[] }, size: number) => {
          accepted += r.accepted;
          rejected.push(...r.rejected.map((p) => ({ ...p, index: p.index + offset })));
          offset += size;
          if (format === 'text') process.stderr.write(`\ringested ${accepted} event(s)`);
        };
        if (flags.server) {
          const key = accessKeyFromEnv();
          for await (const batch of readBatches(file)) {
            const json = expectOk(await signedPost(flags.server, INGEST_PATH, serialiseBatch(batch), 'application/x-ndjson', key, PUT_EVENTS_ACTION)) as { accepted: number; rejected: EventProblem[] };
            consume(json, batch.length);
          }
        } else {
          await withOfflineService(flags, async (service) => {
            for await (const batch of readBatches(file)) consume(await service.ingest.ingest(batch), batch.length);
          });
        }
        if (format === 'json') process.stdout.write(`${JSON.stringify({ accepted, rejected })}\n`);
        else {
          process.stderr.write('\n');
          process.stdout.write(`accepted ${accepted} event(s), rejected ${rejected.length}\n`);
          for (const p of rejected.slice(0, 20)) process.stdout.write(`  event #${p.index}: ${p.field || '(event)'}: ${p.reason}\n`);
        }
        return rejected.length > 0 && accepted === 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );

  withStorageFlags(events.command('query').description("search events, e.g. events query 'user.name:root AND event.outcome:failure' --from -1h --agg terms:source.ip").argument('[query]', 'KQL query (empty: everything)', ''))
    .option('--server <url>', 'Bulwark server URL (signed with BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET)')
    .option('--from <time>', 'start: now, -15m, -1h, -7d or ISO 8601')
    .option('--to <time>', 'end (exclusive), same forms as --from')
    .option('--size <n>', 'events to return (0 for aggregations only)', '20')
    .option('--sort <field[:asc|desc]>', 'sort field (repeatable); default @timestamp:desc', collect)
    .option('--agg <spec>', 'terms:FIELD[:N], date_histogram:1h, cardinality:FIELD, percentiles:FIELD[:50,95] (repeatable)', collect)
    .option('--search-after <json>', 'the searchAfter of the previous page (JSON array)')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (query: string, flags: TargetFlags & { from?: string; to?: string; size: string; sort?: string[]; agg?: string[]; searchAfter?: string }) => {
        const format = formatOf(flags.format, ['table', 'json']);
        let searchAfter: unknown;
        if (flags.searchAfter !== undefined) {
          try {
            searchAfter = JSON.parse(flags.searchAfter);
          } catch {
            throw new BulwarkError('InvalidParameter', { field: '--search-after', reason: 'expected a JSON array' });
          }
        }
        const raw = { query, from: flags.from, to: flags.to, size: Number(flags.size), sort: flags.sort, aggs: flags.agg, searchAfter };
        const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
        const checked = searchInput.safeParse(input);
        if (!checked.success) throw new BulwarkError('InvalidParameter', { field: `--${String(checked.error.issues[0]?.path[0] ?? 'query')}`, reason: checked.error.issues[0]?.message ?? 'invalid' });
        let result: SearchOutput;
        if (flags.server) {
          const json = expectOk(await signedPost(flags.server, SEARCH_PATH, Buffer.from(JSON.stringify(input)), 'application/json', accessKeyFromEnv(), SEARCH_EVENTS_ACTION)) as SearchOutput & { RequestId?: string };
          delete json.RequestId;
          result = json;
        } else {
          result = await withOfflineService(flags, (service) => service.search(input));
        }
        if (format === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
        else printTable(result);
        return EXIT_OK;
      }),
    );
  registerRules(events);
  registerAlerts(events);
  registerChannels(events);
}
