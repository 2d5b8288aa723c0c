import type { InstalledPackage } from './inventory.js';

/** dpkg states in which the package's files are on disk (everything but `not-installed`/`config-files`). */
const PRESENT = new Set(['installed', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending']);

/**
 * Parses the dpkg status file (/var/lib/dpkg/status): one stanza per package. Keeps packages
 * whose files are present, with the source package (`Source: name (version)`) or the binary's own.
 */
export function parseDpkgStatus(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  let name = '';
  let version = '';
  let arch = '';
  let status = '';
  let source = '';
  const flush = () => {
    if (name && version && PRESENT.has(status.split(' ')[2] ?? '')) {
      let src = name;
      let srcVersion = version;
      if (source) {
        const m = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(source);
        if (m) {
          src = m[1] as string;
          srcVersion = m[2] ?? version;
        }
      }
      out.push({ manager: 'dpkg', name, version, arch, source: src, sourceVersion: srcVersion });
    }
    name = version = arch = status = source = '';
  };
  for (const line of text.split('\n')) {
    if (line === '' || line === '\r') {
      flush();
      continue;
    }
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) continue; // continuation of a multi-line field
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const value = line.slice(colon + 1).trim();
    switch (line.slice(0, colon)) {
      case 'Package':
        name = value;
        break;
      case 'Version':
        version = value;
        break;
      case 'Architecture':
        arch = value;
        break;
      case 'Status':
        status = value;
        break;
      case 'Source':
        source = value;
        break;
    }
  }
  flush();
  return out;
}
