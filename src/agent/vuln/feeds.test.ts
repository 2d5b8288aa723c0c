import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { parseDebianTracker } from './debian-tracker.js';
import { parseOsvEcosystem } from './ecosystem.js';
import { detectFeedFormat, mergeAdvisories, parseFeed, readFeed, readFeedDocument } from './feed-source.js';
import { parseOsv } from './osv.js';
import { fixture } from './test-support/fixtures.js';

const json = (name: string): unknown => JSON.parse(readFileSync(fixture(name), 'utf8'));

describe('OSV feeds', () => {
  it('normalizes a single record: source package, ranges, CVE aliases', () => {
    const feed = parseOsv(json('osv-dsa.json'), 'osv-dsa.json');
    expect(feed.advisories).toHaveLength(1);
    const dsa = feed.advisories[0]!;
    expect(dsa).toMatchObject({ id: 'DSA-5764-1', aliases: ['CVE-2024-5535', 'CVE-2024-6119'], summary: 'openssl - security update' });
    expect(dsa.affected.map((a) => [a.distro, a.release, a.package, a.introduced, a.fixed, a.lastAffected])).toEqual([
      ['debian', '12', 'openssl', '0', '3.0.14-1~deb12u2', null],
      ['debian', '11', 'openssl', '0', '1.1.1w-0+deb11u2', null],
    ]);
    expect(dsa.affected[0]!.severity).toBe('unknown');
  });

  it('reads an array, computes CVSS scores, keeps last_affected and counts foreign ecosystems as skipped', () => {
    const feed = parseOsv(json('osv-array.json'), 'osv-array.json');
    expect(feed.skipped).toBe(1); // npm
    expect(feed.advisories.map((a) => a.id)).toEqual(['DEBIAN-CVE-2023-45853']);
    expect(feed.advisories[0]!.affected[0]).toMatchObject({ package: 'zlib', fixed: null, lastAffected: '1:1.2.13.dfsg-1', score: 9.8, severity: 'critical', rating: 'low' });
  });

  it('reads a folder of records: Ubuntu (LTS forms, no Pro), AlmaLinux, Rocky Linux, Alpine, withdrawn', async () => {
    const feed = await readFeed(fixture('osv-folder'));
    expect(feed.format).toBe('osv');
    const byId = new Map(feed.advisories.map((a) => [a.id, a]));
    expect([...byId.keys()].sort()).toEqual(['ALPINE-CVE-2024-6119', 'ALSA-2024:3501', 'DEBIAN-CVE-2020-99999', 'RLSA-2024:4312', 'UBUNTU-CVE-2024-2511', 'UBUNTU-CVE-2025-32415']);
    expect(feed.skipped).toBe(1); // Ubuntu:Pro:18.04:LTS
    // several CVSS vectors: the highest base score; the Ubuntu priority is kept as the rating
    expect(byId.get('UBUNTU-CVE-2025-32415')!.affected).toEqual([expect.objectContaining({ distro: 'ubuntu', release: '22.04', package: 'libxml2', score: 7.5, severity: 'high', rating: 'medium' })]);
    expect(byId.get('UBUNTU-CVE-2024-2511')!.affected[0]).toMatchObject({ release: '24.04', fixed: null, lastAffected: null, severity: 'low', score: null });
    expect(byId.get('ALSA-2024:3501')!.affected.map((a) => [a.distro, a.release, a.package, a.severity])).toEqual([
      ['almalinux', '9', 'libnghttp2', 'medium'],
      ['almalinux', '9', 'nghttp2', 'medium'],
    ]);
    expect(byId.get('RLSA-2024:4312')!.affected[0]).toMatchObject({ distro: 'rocky', score: 8.1, severity: 'high' });
    expect(byId.get('ALPINE-CVE-2024-6119')!.affected.map((a) => a.release)).toEqual(['3.20', '3.19']);
    // a withdrawn record clears what an earlier import stored
    expect(byId.get('DEBIAN-CVE-2020-99999')).toMatchObject({ affected: [], notAffected: [{ distro: 'debian', release: '12', package: 'bash' }] });
  });

  it('rejects a record without an id, naming the field', () => {
    expect(() => parseOsv([{ modified: 'x' }], 'feed.json')).toThrow(expect.objectContaining({ code: 'Vuln.InvalidFeed', message: expect.stringContaining('"0.id"') }));
    expect(() => parseOsv({ id: 'X', modified: 'y', affected: [{ package: { ecosystem: 'Debian:12', name: 'a' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1' }] }] }] }, 'f')).toThrow(BulwarkError);
  });

  it('parses the OSV ecosystems of the supported distributions', () => {
    expect(parseOsvEcosystem('Debian:12')).toEqual({ distro: 'debian', release: '12' });
    expect(parseOsvEcosystem('Ubuntu:22.04')).toEqual({ distro: 'ubuntu', release: '22.04' });
    expect(parseOsvEcosystem('Ubuntu:24.04:LTS')).toEqual({ distro: 'ubuntu', release: '24.04' });
    expect(parseOsvEcosystem('Ubuntu:Pro:20.04:LTS')).toBeUndefined();
    expect(parseOsvEcosystem('AlmaLinux:9')).toEqual({ distro: 'almalinux', release: '9' });
    expect(parseOsvEcosystem('Rocky Linux:9')).toEqual({ distro: 'rocky', release: '9' });
    expect(parseOsvEcosystem('Alpine:v3.20')).toEqual({ distro: 'alpine', release: '3.20' });
    expect(parseOsvEcosystem('Debian')).toBeUndefined();
    expect(parseOsvEcosystem('PyPI')).toBeUndefined();
  });
});

describe('Debian Security Tracker feed', () => {
  const feed = parseDebianTracker(json('debian-tracker.json'), 'debian-tracker.json');
  const byId = new Map(feed.advisories.map((a) => [a.id, a]));

  it('maps codenames to releases; resolved issues have a fixed version, open ones none', () => {
    expect(byId.get('CVE-2024-5535')!.affected.map((a) => [a.release, a.package, a.fixed, a.severity, a.rating])).toEqual([
      ['12', 'openssl', '3.0.14-1~deb12u2', 'unknown', 'not yet assigned'],
      ['11', 'openssl', null, 'low', 'low'],
      ['sid', 'openssl', '3.3.1-5', 'unknown', 'not yet assigned'],
    ]);
  });

  it('fixed_version "0" is not affected; `releases: []` holds nothing; unknown codenames are skipped', () => {
    expect(byId.get('CVE-2023-4806')).toMatchObject({ affected: [], notAffected: [{ distro: 'debian', release: '12', package: 'glibc' }] });
    expect(byId.has('TEMP-0000000-A1B2C3')).toBe(false);
    expect(feed.skipped).toBe(1); // tar in experimental
  });

  it('strips the ** of guessed urgencies', () => {
    expect(byId.get('CVE-2024-2379')!.affected[0]).toMatchObject({ fixed: null, rating: 'low', severity: 'low' });
  });

  it('rejects a release without a status', () => {
    expect(() => parseDebianTracker({ curl: { 'CVE-1': { releases: { bookworm: { fixed_version: '1' } } } } }, 'x.json')).toThrow(expect.objectContaining({ code: 'Vuln.InvalidFeed', message: expect.stringContaining('curl.CVE-1.releases') }));
  });
});

describe('feed sources', () => {
  it('detects the format of a document', () => {
    expect(detectFeedFormat(json('osv-dsa.json'))).toBe('osv');
    expect(detectFeedFormat(json('osv-array.json'))).toBe('osv');
    expect(detectFeedFormat(json('debian-tracker.json'))).toBe('debian');
    expect(() => parseFeed({ hello: 1 }, 'x')).toThrow(expect.objectContaining({ code: 'Vuln.UnknownFeedFormat' }));
  });

  it('a missing file is a coded error', async () => {
    await expect(readFeedDocument(fixture('nope.json'))).rejects.toMatchObject({ code: 'Vuln.FeedUnreadable' });
    await expect(readFeedDocument(fixture('empty-policy.yml'))).rejects.toMatchObject({ code: 'Vuln.InvalidFeed' });
  });

  it('merges feeds, a later advisory replacing an earlier one', async () => {
    const a = await readFeed(fixture('osv-dsa.json'));
    const b = await readFeed(fixture('osv-array.json'));
    expect(mergeAdvisories([a, b, a]).map((x) => x.id)).toEqual(['DSA-5764-1', 'DEBIAN-CVE-2023-45853']);
  });
});
