import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BulwarkError } from '../../core/errors.js';
import type { Advisory, FeedFormat, ParsedFeed } from './advisory.js';
import { parseDebianTracker } from './debian-tracker.js';
import { parseOsv } from './osv.js';

export const FEED_FORMATS: readonly FeedFormat[] = ['osv', 'debian'];
const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;

/** OSV (a record or an array of records) or the Debian tracker (package → issue id → issue). */
export function detectFeedFormat(value: unknown): FeedFormat | undefined {
  if (Array.isArray(value)) return 'osv';
  if (typeof value !== 'object' || value === null) return undefined;
  if ('id' in value && 'modified' in value) return 'osv';
  const first = Object.values(value)[0];
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const issue = Object.values(first)[0];
    if (typeof issue === 'object' && issue !== null && 'releases' in issue) return 'debian';
  }
  return Object.keys(value).length === 0 ? 'debian' : undefined;
}

/** Validates and normalizes a parsed feed document of the given (or detected) format. */
export function parseFeed(value: unknown, source: string, format?: FeedFormat): ParsedFeed {
  const f = format ?? detectFeedFormat(value);
  if (!f) throw new BulwarkError('Vuln.UnknownFeedFormat', { source });
  return f === 'osv' ? parseOsv(value, source) : parseDebianTracker(value, source);
}

function decode(bytes: Buffer, source: string): unknown {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new BulwarkError('Vuln.InvalidFeed', { source, field: '(document)', reason: `not JSON (${e instanceof Error ? e.message : String(e)})` });
  }
}

async function download(url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(300_000), redirect: 'follow' });
  } catch (e) {
    throw new BulwarkError('Vuln.FeedDownloadFailed', { url, reason: e instanceof Error ? e.message : String(e) });
  }
  if (!response.ok || !response.body) throw new BulwarkError('Vuln.FeedDownloadFailed', { url, reason: `HTTP ${response.status}` });
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > MAX_DOWNLOAD_BYTES) {
      await reader.cancel();
      throw new BulwarkError('Vuln.FeedDownloadFailed', { url, reason: `larger than ${MAX_DOWNLOAD_BYTES} bytes` });
    }
    chunks.push(Buffer.from(r.value));
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a feed document from a file (JSON, optionally gzipped), a folder of OSV `.json` files
 * (returned as one array of records) or an http(s) URL.
 */
export async function readFeedDocument(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) return decode(await download(source), source);
  let isDir: boolean;
  try {
    isDir = statSync(source).isDirectory();
  } catch (e) {
    throw new BulwarkError('Vuln.FeedUnreadable', { source, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  if (!isDir) return decode(readFile(source), source);
  const records: unknown[] = [];
  for (const name of readdirSync(source).filter((n) => n.endsWith('.json')).sort()) {
    const path = join(source, name);
    const value = decode(readFile(path), path);
    if (Array.isArray(value)) records.push(...(value as unknown[]));
    else records.push(value);
  }
  return records;
}

function readFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new BulwarkError('Vuln.FeedUnreadable', { source: path, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

/** Reads and parses one feed (file, folder or URL). */
export async function readFeed(source: string, format?: FeedFormat): Promise<ParsedFeed> {
  return parseFeed(await readFeedDocument(source), source, format);
}

/** The advisories of several feeds (a later feed's advisory replaces an earlier one with the same id). */
export function mergeAdvisories(feeds: readonly ParsedFeed[]): Advisory[] {
  const byId = new Map<string, Advisory>();
  for (const feed of feeds) for (const a of feed.advisories) byId.set(a.id, a);
  return [...byId.values()];
}
