import { fileURLToPath } from 'node:url';
import type { InstalledPackage } from '../installed-package.js';

/** Path of a fixture feed in this folder. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** An installed package; the source defaults to the binary's name and version. */
export function pkg(manager: InstalledPackage['manager'], name: string, version: string, source = name, sourceVersion = version): InstalledPackage {
  return { manager, name, version, arch: 'amd64', source, sourceVersion };
}
