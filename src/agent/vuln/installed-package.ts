import type { InstalledPackage, OsRelease } from '../collectors/inventory.js';

/**
 * An installed package as the host inventory reports it: `source` is the Debian source package,
 * rpm source RPM name or apk origin, `sourceVersion` the source's version.
 */
export type { InstalledPackage };

/** The os-release fields matching needs (the inventory's `os` section). */
export type HostOs = Pick<OsRelease, 'id' | 'versionId' | 'versionCodename' | 'prettyName'>;
