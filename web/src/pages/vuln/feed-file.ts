/** Reading a vulnerability feed file in the browser before it is sent to `POST /api/vuln/feeds/import`. */

export type FeedFormat = 'osv' | 'debian';

/** Largest feed the server takes (src/agent/vuln/paths.ts `MAX_FEED_BYTES`). */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;

export type FeedFileResult =
  | { ok: true; body: { source: string; feed: unknown; format?: FeedFormat }; guessed: FeedFormat | undefined }
  | { ok: false; reason: 'tooLarge' | 'notJson' | 'empty'; detail?: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The format a document looks like: OSV records (`id` + `affected`/`modified`) or the Debian tracker's package → CVE map. */
export function guessFormat(doc: unknown): FeedFormat | undefined {
  const first = Array.isArray(doc) ? doc[0] : doc;
  if (isObject(first) && typeof first.id === 'string' && ('affected' in first || 'modified' in first)) return 'osv';
  if (isObject(doc)) {
    const pkg = Object.values(doc)[0];
    if (isObject(pkg) && Object.keys(pkg).some((k) => /^(CVE|TEMP)-/.test(k))) return 'debian';
  }
  return undefined;
}

/**
 * The import request for a file's text: parsed JSON (refused here when it is not JSON or too
 * large, naming why), the file name as the feed's source, and the chosen format ('auto' lets the server tell).
 */
export function feedRequest(name: string, size: number, text: string, format: FeedFormat | 'auto'): FeedFileResult {
  if (size > MAX_FEED_BYTES) return { ok: false, reason: 'tooLarge' };
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'notJson', detail: (e as Error).message };
  }
  const source = name.trim() || 'upload.json';
  return { ok: true, body: { source, feed, ...(format !== 'auto' ? { format } : {}) }, guessed: guessFormat(feed) };
}
