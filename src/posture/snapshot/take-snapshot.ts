import type { Clock } from '../../core/clock.js';
import type { Sealer } from '../../core/sealer.js';
import type { VulnTables } from '../../agent/vuln/tables.js';
import type { HostsTables } from '../../hosts/tables.js';
import type { EventsTables } from '../../events/alerts/tables.js';
import { systemCaller } from '../../iam/caller.js';
import type { IamTables } from '../../iam/tables.js';
import type { KmsTables } from '../../kms/tables.js';
import type { SitesTables } from '../../sites/tables.js';
import type { Storage } from '../../storage/database.js';
import { readAlerts } from './alerts.js';
import { readHosts } from './hosts.js';
import { readKms } from './kms.js';
import { readRam } from './ram.js';
import { readSites } from './sites.js';
import type { PlatformSnapshot } from './snapshot.js';

/** Snapshots read metadata only: anything that tried to unseal a secret would be a bug. */
const NO_SECRETS: Sealer = {
  seal: () => {
    throw new Error('posture snapshots do not seal secrets');
  },
  open: () => {
    throw new Error('posture snapshots do not read secrets');
  },
};

export interface SnapshotOptions {
  storage: Storage;
  clock: Clock;
  accountId: string;
  /** a standalone gateway YAML whose sites are checked besides the managed ones */
  gatewayConfigFile?: string | undefined;
}

/** Gathers the live state of one account (reads only; nothing is written). */
export async function takeSnapshot(options: SnapshotOptions): Promise<PlatformSnapshot> {
  const { storage, accountId } = options;
  const takenAt = options.clock.now().toISOString();
  const iam = { db: storage.db<IamTables>(), caller: systemCaller(accountId, 'posture-snapshot'), clock: options.clock, sealer: NO_SECRETS, invalidate: () => undefined };
  const [ram, kms, sites, hosts, alerts] = await Promise.all([readRam(iam), readKms(storage.db<KmsTables>(), accountId), readSites(storage.db<SitesTables>(), accountId, options.gatewayConfigFile), readHosts(storage.db<HostsTables & VulnTables>(), accountId), readAlerts(storage.db<EventsTables>(), accountId)]);
  return { accountId, takenAt, ram, kms, sites, hosts, alerts };
}
