import type { InstalledPackage } from './inventory.js';

/** Parses Alpine's installed database (lib/apk/db/installed): `P:` name, `V:` version, `A:` arch, `o:` origin. */
export function parseApkInstalled(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  let name = '';
  let version = '';
  let arch = '';
  let origin = '';
  const flush = () => {
    if (name && version) out.push({ manager: 'apk', name, version, arch, source: origin || name, sourceVersion: version });
    name = version = arch = origin = '';
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line[1] !== ':') continue;
    const value = line.slice(2).trim();
    switch (line[0]) {
      case 'P':
        name = value;
        break;
      case 'V':
        version = value;
        break;
      case 'A':
        arch = value;
        break;
      case 'o':
        origin = value;
        break;
    }
  }
  flush();
  return out;
}
