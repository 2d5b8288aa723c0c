import type { PackageManager } from './version/compare.js';

/**
 * An installed package as the host inventory reports it (the shape of the collectors' package
 * entries): `source` is the Debian source package, rpm source RPM name or apk origin (the binary
 * name when the package has none), `sourceVersion` the source's version (the binary's when equal).
 */
export interface InstalledPackage {
  readonly manager: PackageManager;
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  readonly source: string;
  readonly sourceVersion: string;
}

/** The os-release fields matching needs (the inventory's `os` section). */
export interface HostOs {
  readonly id: string;
  readonly versionId: string;
  readonly versionCodename: string;
  readonly prettyName: string;
}
