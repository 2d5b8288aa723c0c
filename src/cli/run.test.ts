import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { EXIT_FAILURE, EXIT_USAGE, reportError } from './run.js';

describe('reportError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exits 2 for bad input the user can fix (files, flags, feeds, rules) and 1 for failures', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    expect(reportError(new BulwarkError('Vuln.InvalidFeed', { source: 'f.json', field: 'affected', reason: 'x' }))).toBe(EXIT_USAGE);
    expect(reportError(new BulwarkError('Agent.Intrusion.InvalidRules', { source: 'r.yaml', field: 'rules', reason: 'x' }))).toBe(EXIT_USAGE);
    expect(reportError(new BulwarkError('Vuln.FeedDownloadFailed', { url: 'http://x', reason: 'timeout' }))).toBe(EXIT_FAILURE);
    expect(reportError(new Error('boom'))).toBe(EXIT_FAILURE);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^bulwark: Vuln.InvalidFeed: /);
  });
});
