import { describe, expect, it } from 'vitest';
import { scanHostVulnerabilities, vulnerabilitiesTable } from './scan-host.js';
import { fixture, pkg } from './test-support/fixtures.js';

const bookworm = { id: 'debian', name: 'Debian GNU/Linux', version: '12 (bookworm)', versionId: '12', versionCodename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)', idLike: [] };

describe('offline host scan against feed files', () => {
  it('lists findings with advisory ids from several feeds', async () => {
    const result = await scanHostVulnerabilities({ os: bookworm, packages: [pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2', 'openssl'), pkg('dpkg', 'libc6', '2.36-9+deb12u7', 'glibc')] }, [fixture('osv-dsa.json'), fixture('debian-tracker.json')]);
    expect(result.platform).toEqual({ distro: 'debian', release: '12' });
    expect(result.feeds).toEqual([
      { source: fixture('osv-dsa.json'), format: 'osv', advisories: 1 },
      { source: fixture('debian-tracker.json'), format: 'debian', advisories: 5 },
    ]);
    expect(result.findings.map((f) => f.advisoryId)).toEqual(['CVE-2024-5535', 'DSA-5764-1']);
    expect(vulnerabilitiesTable(result)).toContain('DSA-5764-1');
  });

  it('an unmatched distribution yields no findings', async () => {
    const result = await scanHostVulnerabilities({ os: { ...bookworm, id: 'gentoo', versionId: '2.15' }, packages: [] }, [fixture('osv-dsa.json')]);
    expect(result).toMatchObject({ platform: null, findings: [] });
    expect(vulnerabilitiesTable(result)).toContain('not matched');
  });
});
