import { describe, expect, it } from 'vitest';
import { distroReleaseOf } from './ecosystem.js';
import { mergeAdvisories, readFeed } from './feed-source.js';
import { indexAdvisories, matchPackages } from './match.js';
import { fixture, pkg } from './test-support/fixtures.js';

const debian12 = { distro: 'debian', release: '12' } as const;

async function advisories(...names: string[]) {
  return mergeAdvisories(await Promise.all(names.map((n) => readFeed(fixture(n)))));
}

describe('matching Debian packages (by source package)', () => {
  it('finds fixed, no-fix-yet and last_affected advisories; not-affected and already-fixed packages yield nothing', async () => {
    const index = indexAdvisories(await advisories('osv-dsa.json', 'osv-array.json', 'debian-tracker.json'), debian12);
    const findings = matchPackages(debian12, [
      pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2', 'openssl'),
      pkg('dpkg', 'openssl', '3.0.11-1~deb12u2'),
      pkg('dpkg', 'libc6', '2.36-9+deb12u7', 'glibc'), // fixed_version "0": not affected
      pkg('dpkg', 'curl', '7.88.1-10+deb12u5'), // open: no fix yet
      pkg('dpkg', 'tar', '1.34+dfsg-1.2+deb12u1'), // installed = fixed
      pkg('dpkg', 'zlib1g', '1:1.2.13.dfsg-1', 'zlib'), // last_affected, inclusive
      pkg('dpkg', 'bash', '5.2.15-2+b7'),
    ], index);
    expect(findings.map((f) => [f.advisoryId, f.package, f.sourcePackage, f.installedVersion, f.fixedVersion, f.severity, f.score, f.remediation])).toEqual([
      ['DEBIAN-CVE-2023-45853', 'zlib1g', 'zlib', '1:1.2.13.dfsg-1', null, 'critical', 9.8, null],
      ['CVE-2024-2379', 'curl', 'curl', '7.88.1-10+deb12u5', null, 'low', null, null],
      ['CVE-2024-5535', 'libssl3', 'openssl', '3.0.11-1~deb12u2', '3.0.14-1~deb12u2', 'unknown', null, 'apt-get install --only-upgrade libssl3'],
      ['DSA-5764-1', 'libssl3', 'openssl', '3.0.11-1~deb12u2', '3.0.14-1~deb12u2', 'unknown', null, 'apt-get install --only-upgrade libssl3'],
      ['CVE-2024-5535', 'openssl', 'openssl', '3.0.11-1~deb12u2', '3.0.14-1~deb12u2', 'unknown', null, 'apt-get install --only-upgrade openssl'],
      ['DSA-5764-1', 'openssl', 'openssl', '3.0.11-1~deb12u2', '3.0.14-1~deb12u2', 'unknown', null, 'apt-get install --only-upgrade openssl'],
    ]);
    expect(findings.find((f) => f.advisoryId === 'DSA-5764-1')!.aliases).toEqual(['CVE-2024-5535', 'CVE-2024-6119']);
  });

  it('an upgraded package is no longer a finding', async () => {
    const index = indexAdvisories(await advisories('osv-dsa.json'), debian12);
    expect(matchPackages(debian12, [pkg('dpkg', 'libssl3', '3.0.14-1~deb12u2', 'openssl')], index)).toEqual([]);
    expect(matchPackages(debian12, [pkg('dpkg', 'libssl3', '3.0.15-1~deb12u1', 'openssl')], index)).toEqual([]);
  });

  it('compares the source version when the binary differs (binNMU, own epoch)', async () => {
    const index = indexAdvisories(await advisories('osv-dsa.json'), debian12);
    expect(matchPackages(debian12, [pkg('dpkg', 'libssl3', '1:9.9', 'openssl', '3.0.11-1~deb12u2')], index)).toHaveLength(1);
    expect(matchPackages(debian12, [pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2+b1', 'openssl', '3.0.14-1~deb12u2')], index)).toEqual([]);
  });

  it('another release does not match', async () => {
    const all = await advisories('osv-dsa.json');
    const bullseye = { distro: 'debian', release: '11' } as const;
    expect(matchPackages(bullseye, [pkg('dpkg', 'libssl1.1', '1.1.1n-0+deb11u5', 'openssl')], indexAdvisories(all, bullseye))[0]!.fixedVersion).toBe('1.1.1w-0+deb11u2');
    const trixie = { distro: 'debian', release: '13' } as const;
    expect(matchPackages(trixie, [pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2', 'openssl')], indexAdvisories(all, trixie))).toEqual([]);
  });
});

describe('matching Ubuntu, AlmaLinux, Rocky Linux and Alpine', () => {
  it('Ubuntu: fixed with the CVSS score, and no fix yet', async () => {
    const all = await advisories('osv-folder');
    const jammy = { distro: 'ubuntu', release: '22.04' } as const;
    expect(matchPackages(jammy, [pkg('dpkg', 'libxml2', '2.9.13+dfsg-1ubuntu0.6')], indexAdvisories(all, jammy))).toEqual([
      expect.objectContaining({ advisoryId: 'UBUNTU-CVE-2025-32415', aliases: ['CVE-2025-32415'], fixedVersion: '2.9.13+dfsg-1ubuntu0.7', severity: 'high', score: 7.5, rating: 'medium' }),
    ]);
    const noble = { distro: 'ubuntu', release: '24.04' } as const;
    expect(matchPackages(noble, [pkg('dpkg', 'libssl3t64', '3.0.13-0ubuntu3.4', 'openssl')], indexAdvisories(all, noble))).toEqual([
      expect.objectContaining({ advisoryId: 'UBUNTU-CVE-2024-2511', fixedVersion: null, remediation: null, severity: 'low' }),
    ]);
  });

  it('AlmaLinux and Rocky Linux by rpm name with dnf remediation', async () => {
    const all = await advisories('osv-folder');
    const alma = { distro: 'almalinux', release: '9' } as const;
    const found = matchPackages(alma, [pkg('rpm', 'libnghttp2', '1.43.0-5.el9_3.1', 'nghttp2'), pkg('rpm', 'openssh-server', '8.7p1-38.el9')], indexAdvisories(all, alma));
    expect(found.map((f) => [f.advisoryId, f.package, f.fixedVersion, f.remediation, f.severity])).toEqual([['ALSA-2024:3501', 'libnghttp2', '1.43.0-5.el9_4.3', 'dnf upgrade libnghttp2', 'medium']]);
    const rocky = { distro: 'rocky', release: '9' } as const;
    expect(matchPackages(rocky, [pkg('rpm', 'openssh-server', '8.7p1-38.el9'), pkg('rpm', 'openssh-server', '8.7p1-38.el9_4.1')], indexAdvisories(all, rocky)).map((f) => [f.installedVersion, f.remediation])).toEqual([
      ['8.7p1-38.el9', 'dnf upgrade openssh-server'],
    ]);
  });

  it('Alpine by origin with apk remediation', async () => {
    const all = await advisories('osv-folder');
    const alpine = { distro: 'alpine', release: '3.20' } as const;
    const found = matchPackages(alpine, [pkg('apk', 'libssl3', '3.3.1-r3', 'openssl'), pkg('apk', 'libcrypto3', '3.3.2-r0', 'openssl')], indexAdvisories(all, alpine));
    expect(found.map((f) => [f.package, f.fixedVersion, f.remediation])).toEqual([['libssl3', '3.3.2-r0', 'apk upgrade libssl3']]);
  });

  it('packages of another manager are ignored', async () => {
    const all = await advisories('osv-folder');
    const alpine = { distro: 'alpine', release: '3.20' } as const;
    expect(matchPackages(alpine, [pkg('dpkg', 'openssl', '1.0')], indexAdvisories(all, alpine))).toEqual([]);
  });
});

describe('host release', () => {
  it('from os-release fields', () => {
    const os = (id: string, versionId: string, versionCodename = '', prettyName = '') => ({ id, versionId, versionCodename, prettyName });
    expect(distroReleaseOf(os('debian', '12', 'bookworm'))).toEqual({ distro: 'debian', release: '12' });
    expect(distroReleaseOf(os('debian', '', 'trixie'))).toEqual({ distro: 'debian', release: '13' });
    expect(distroReleaseOf(os('debian', '', '', 'Debian GNU/Linux trixie/sid'))).toEqual({ distro: 'debian', release: 'sid' });
    expect(distroReleaseOf(os('ubuntu', '22.04', 'jammy'))).toEqual({ distro: 'ubuntu', release: '22.04' });
    expect(distroReleaseOf(os('almalinux', '9.4'))).toEqual({ distro: 'almalinux', release: '9' });
    expect(distroReleaseOf(os('rocky', '9.3'))).toEqual({ distro: 'rocky', release: '9' });
    expect(distroReleaseOf(os('alpine', '3.20.3'))).toEqual({ distro: 'alpine', release: '3.20' });
    expect(distroReleaseOf(os('arch', ''))).toBeUndefined();
  });
});
