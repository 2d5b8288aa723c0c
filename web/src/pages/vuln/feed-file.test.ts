import { describe, expect, it } from 'vitest';
import { feedRequest, guessFormat, MAX_FEED_BYTES } from './feed-file.js';

const osv = { id: 'DSA-1-1', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [] }] };

describe('vulnerability feed file', () => {
  it('tells OSV records and the Debian tracker apart', () => {
    expect(guessFormat(osv)).toBe('osv');
    expect(guessFormat([osv])).toBe('osv');
    expect(guessFormat({ openssl: { 'CVE-2026-0001': { releases: {} } } })).toBe('debian');
    expect(guessFormat({ hello: 'world' })).toBeUndefined();
  });

  it('builds the import request from the file name and JSON text, with the chosen format', () => {
    const r = feedRequest('dsa.json', 100, JSON.stringify(osv), 'auto');
    expect(r).toEqual({ ok: true, body: { source: 'dsa.json', feed: osv }, guessed: 'osv' });
    const d = feedRequest('', 100, '{}', 'debian');
    expect(d).toEqual({ ok: true, body: { source: 'upload.json', feed: {}, format: 'debian' }, guessed: undefined });
  });

  it('refuses files that are too large, empty or not JSON, saying why', () => {
    expect(feedRequest('big.json', MAX_FEED_BYTES + 1, '{}', 'auto')).toEqual({ ok: false, reason: 'tooLarge' });
    expect(feedRequest('e.json', 0, '  ', 'auto')).toEqual({ ok: false, reason: 'empty' });
    const bad = feedRequest('x.json', 3, '{x', 'auto');
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.reason).toBe('notJson');
  });
});
