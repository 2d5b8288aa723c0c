import type { Inventory, InstalledPackage, ListeningPort } from '../../agent/collectors/inventory.js';

export const pkg = (name: string, version: string): InstalledPackage => ({ manager: 'dpkg', name, version, arch: 'amd64', source: name, sourceVersion: version });
export const port = (p: number, address = '0.0.0.0', processName: string | null = 'sshd'): ListeningPort => ({ transport: 'tcp', family: 'IPv4', address, port: p, uid: 0, inode: 1000 + p, pid: 100 + p, process: processName });

/** A valid inventory with the given packages and listening ports (everything else empty). */
export function inventoryOf(packages: InstalledPackage[], ports: ListeningPort[], collectedAt = '2026-01-01T00:00:00.000Z'): Inventory {
  return {
    schemaVersion: 1,
    collectedAt,
    durationMs: 12,
    os: { id: 'debian', name: 'Debian GNU/Linux', version: '12 (bookworm)', versionId: '12', versionCodename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)', idLike: [] },
    kernel: null,
    hostname: 'web-1',
    addresses: [],
    hardware: null,
    packages,
    ports,
    users: [],
    groups: [],
    sudoers: [],
    processes: [],
    units: [],
    cron: [],
    authorizedKeys: [],
    containers: [],
    errors: [],
  };
}
