import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../agent/vuln/test-support/fixtures.js';
import { registerAgent } from './agent.js';
import { runCli } from './test-support/run-cli.js';

const STATUS = `Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl
Version: 3.0.11-1~deb12u2

Package: libc6
Status: install ok installed
Architecture: amd64
Source: glibc
Version: 2.36-9+deb12u7

Package: curl
Status: install ok installed
Architecture: amd64
Version: 7.88.1-10+deb12u5

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib (1:1.2.13.dfsg-1)
Version: 1:1.2.13.dfsg-1

Package: sudo
Status: deinstall ok config-files
Architecture: amd64
Version: 1.9.13p3-1+deb12u1
`;

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  const r = await runCli(registerAgent, args);
  return { code: r.exitCode ?? 0, stdout: r.stdout };
}

describe('bulwark agent scan --once --vuln-feed', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bw-agent-vuln-'));
    mkdirSync(join(root, 'etc'));
    mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
    writeFileSync(join(root, 'etc/os-release'), 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n');
    writeFileSync(join(root, 'var/lib/dpkg/status'), STATUS);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('matches this host\'s packages against the feed files and lists the advisory ids (JSON), exit 1', async () => {
    const r = await run(['agent', 'scan', '--once', '--root', root, '--no-inventory', '--policy', fixture('empty-policy.yml'), '--vuln-feed', fixture('osv-dsa.json'), '--vuln-feed', fixture('debian-tracker.json'), '--vuln-feed', fixture('osv-array.json'), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { vulnerabilities: { platform: unknown; packages: number; findings: Array<{ advisoryId: string; package: string; fixedVersion: string | null }> } };
    expect(report.vulnerabilities.platform).toEqual({ distro: 'debian', release: '12' });
    expect(report.vulnerabilities.packages).toBe(4);
    expect(report.vulnerabilities.findings.map((f) => [f.advisoryId, f.package, f.fixedVersion])).toEqual([
      ['DEBIAN-CVE-2023-45853', 'zlib1g', null],
      ['CVE-2024-2379', 'curl', null],
      ['CVE-2024-5535', 'libssl3', '3.0.14-1~deb12u2'],
      ['DSA-5764-1', 'libssl3', '3.0.14-1~deb12u2'],
    ]);
  });

  it('prints the findings after the baseline table', async () => {
    const r = await run(['agent', 'scan', '--once', '--root', root, '--no-inventory', '--policy', fixture('empty-policy.yml'), '--vuln-feed', fixture('osv-dsa.json')]);
    expect(r.stdout).toContain('VULNERABLE PACKAGES');
    expect(r.stdout).toContain('apt-get install --only-upgrade libssl3');
  });

  it('a host without findings exits 0', async () => {
    const r = await run(['agent', 'scan', '--once', '--root', root, '--no-inventory', '--policy', fixture('empty-policy.yml'), '--vuln-feed', fixture('osv-folder'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { vulnerabilities: { findings: unknown[] } }).vulnerabilities.findings).toEqual([]);
  });
});
