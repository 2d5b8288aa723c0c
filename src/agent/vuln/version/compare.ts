import { compareApkVersions } from './apk.js';
import { compareDebianVersions } from './dpkg.js';
import { compareRpmVersions } from './rpm.js';

/** The package managers whose versions Bulwark compares. */
export type PackageManager = 'dpkg' | 'rpm' | 'apk';

/** Registry: the version order of each package manager. */
export const VERSION_COMPARATORS: Readonly<Record<PackageManager, (a: string, b: string) => number>> = {
  dpkg: compareDebianVersions,
  rpm: compareRpmVersions,
  apk: compareApkVersions,
};
