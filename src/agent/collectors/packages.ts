import { existsSync } from 'node:fs';
import { parseApkInstalled } from './apk.js';
import type { Collector } from './collector.js';
import { parseDpkgStatus } from './dpkg.js';
import type { InstalledPackage } from './inventory.js';
import { readText } from './read.js';
import { queryRpm } from './rpm.js';

const RPM_DBS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];

/** Installed packages of every package manager present: dpkg status file, rpm database, apk installed db. */
export const packagesCollector: Collector = {
  name: 'packages',
  sections: ['packages'],
  async collect(ctx) {
    const packages: InstalledPackage[] = [];
    const dpkg = readText(ctx.at('/var/lib/dpkg/status'));
    if (dpkg !== undefined) packages.push(...parseDpkgStatus(dpkg));
    const apk = readText(ctx.at('/lib/apk/db/installed'));
    if (apk !== undefined) packages.push(...parseApkInstalled(apk));
    if (RPM_DBS.some((d) => existsSync(ctx.at(d)))) packages.push(...(await queryRpm(ctx.root, ctx.live)));
    return { packages };
  },
};
