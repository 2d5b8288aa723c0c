import { addressesCollector } from './addresses.js';
import { authorizedKeysCollector } from './authorized-keys.js';
import type { Collector } from './collector.js';
import { containersCollector } from './containers.js';
import { cronCollector } from './cron.js';
import { hardwareCollector } from './hardware.js';
import { hostnameCollector } from './hostname.js';
import { kernelCollector } from './kernel.js';
import { osReleaseCollector } from './os-release.js';
import { packagesCollector } from './packages.js';
import { portsCollector } from './ports.js';
import { processesCollector } from './processes.js';
import { unitsCollector } from './units.js';
import { usersCollector } from './users.js';

/** Every inventory collector, in report order. */
export const COLLECTORS: readonly Collector[] = [
  osReleaseCollector,
  kernelCollector,
  hostnameCollector,
  addressesCollector,
  hardwareCollector,
  packagesCollector,
  portsCollector,
  usersCollector,
  processesCollector,
  unitsCollector,
  cronCollector,
  authorizedKeysCollector,
  containersCollector,
];
