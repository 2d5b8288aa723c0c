import type { HostOs } from './installed-package.js';
import type { PackageManager } from './version/compare.js';

/** The distributions whose advisories Bulwark matches. */
export type Distro = 'debian' | 'ubuntu' | 'almalinux' | 'rocky' | 'alpine';

/** A host's (or an advisory's) distribution release: `debian 12`, `ubuntu 22.04`, `almalinux 9`, `alpine 3.20`. */
export interface DistroRelease {
  readonly distro: Distro;
  readonly release: string;
}

export const PACKAGE_MANAGER: Readonly<Record<Distro, PackageManager>> = {
  debian: 'dpkg',
  ubuntu: 'dpkg',
  almalinux: 'rpm',
  rocky: 'rpm',
  alpine: 'apk',
};

/** Debian codenames (the Security Tracker's release keys) and their version numbers. */
export const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  duke: '15',
  sid: 'sid',
};

/** `bookworm` → `12` (unknown codenames stay as they are). */
export function debianReleaseOf(codename: string): string {
  return DEBIAN_CODENAMES[codename.toLowerCase()] ?? codename.toLowerCase();
}

/** `12` → `bookworm`. */
export function debianCodenameOf(release: string): string | undefined {
  return Object.entries(DEBIAN_CODENAMES).find(([, v]) => v === release)?.[0];
}

/**
 * An OSV `ecosystem` as a distribution release: `Debian:12`, `Ubuntu:22.04`, `Ubuntu:22.04:LTS`,
 * `AlmaLinux:9`, `Rocky Linux:9`, `Alpine:v3.20`. Anything else (language ecosystems, Ubuntu Pro
 * streams, an ecosystem without a release) is undefined: those entries are skipped.
 */
export function parseOsvEcosystem(ecosystem: string): DistroRelease | undefined {
  const [name, ...rest] = ecosystem.split(':');
  const release = rest[0]?.trim();
  if (!release) return undefined;
  switch (name) {
    case 'Debian':
      return /^\d+$/.test(release) ? { distro: 'debian', release } : undefined;
    case 'Ubuntu':
      if (!/^\d+\.\d+$/.test(release)) return undefined; // `Ubuntu:Pro:…` (ESM) and `Ubuntu:FIPS:…` streams are not the release's archive
      if (rest.length > 2 || (rest[1] !== undefined && rest[1] !== 'LTS')) return undefined;
      return { distro: 'ubuntu', release };
    case 'AlmaLinux':
      return /^\d+$/.test(release) ? { distro: 'almalinux', release } : undefined;
    case 'Rocky Linux':
      return /^\d+$/.test(release) ? { distro: 'rocky', release } : undefined;
    case 'Alpine': {
      const m = /^v(\d+\.\d+)$/.exec(release);
      return m ? { distro: 'alpine', release: m[1]! } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A host's distribution release from its os-release fields: Debian's VERSION_ID (or the codename
 * for testing/sid), Ubuntu's `22.04`, the major version for AlmaLinux/Rocky, `3.20` for Alpine.
 */
export function distroReleaseOf(os: HostOs): DistroRelease | undefined {
  const id = os.id.toLowerCase();
  const version = os.versionId;
  switch (id) {
    case 'debian': {
      if (/^\d+$/.test(version)) return { distro: 'debian', release: version };
      const codename = os.versionCodename || /\((\w+)\)/.exec(os.prettyName)?.[1] || (os.prettyName.includes('sid') ? 'sid' : '');
      return codename ? { distro: 'debian', release: debianReleaseOf(codename) } : undefined;
    }
    case 'ubuntu':
      return /^\d+\.\d+$/.test(version) ? { distro: 'ubuntu', release: version } : undefined;
    case 'almalinux':
    case 'rocky': {
      const major = /^(\d+)/.exec(version)?.[1];
      return major ? { distro: id, release: major } : undefined;
    }
    case 'alpine': {
      const minor = /^(\d+\.\d+)/.exec(version)?.[1];
      return minor ? { distro: 'alpine', release: minor } : undefined;
    }
    default:
      return undefined;
  }
}
