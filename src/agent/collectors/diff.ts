import { VERSION_COMPARATORS } from '../vuln/version/compare.js';
import type { Inventory } from './inventory.js';

export type ChangeCategory = 'os' | 'kernel' | 'hostname' | 'address' | 'package' | 'port' | 'user' | 'group' | 'sudo-rule' | 'unit' | 'cron' | 'authorized-key' | 'container';
export type ChangeAction = 'added' | 'removed' | 'changed' | 'upgraded' | 'downgraded' | 'opened' | 'closed';

/** One difference between two inventories of a host (the server keeps them as change history). */
export interface InventoryChange {
  category: ChangeCategory;
  action: ChangeAction;
  /** identity of the item within its category, e.g. `dpkg:openssl:amd64`, `tcp/0.0.0.0:22` */
  key: string;
  before?: unknown;
  after?: unknown;
}

interface Keyed<T> {
  category: ChangeCategory;
  key: (item: T) => string;
  /** the item's comparable state (changes of it are `changed`); identity only when absent */
  state?: (item: T) => string;
  added?: ChangeAction;
  removed?: ChangeAction;
  changed?: (before: T, after: T) => ChangeAction;
}

function diffKeyed<T>(before: readonly T[], after: readonly T[], spec: Keyed<T>, out: InventoryChange[]): void {
  const old = new Map(before.map((i) => [spec.key(i), i]));
  const now = new Map(after.map((i) => [spec.key(i), i]));
  for (const [key, item] of now) {
    const prev = old.get(key);
    if (prev === undefined) out.push({ category: spec.category, action: spec.added ?? 'added', key, after: item });
    else if (spec.state && spec.state(prev) !== spec.state(item)) out.push({ category: spec.category, action: spec.changed?.(prev, item) ?? 'changed', key, before: prev, after: item });
  }
  for (const [key, item] of old) if (!now.has(key)) out.push({ category: spec.category, action: spec.removed ?? 'removed', key, before: item });
}

function diffValue<T>(category: ChangeCategory, key: string, before: T, after: T, out: InventoryChange[]): void {
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ category, action: 'changed', key, before, after });
}

type Pkg = Inventory['packages'][number];

function versionChange(before: Pkg, after: Pkg): ChangeAction {
  const order = VERSION_COMPARATORS[after.manager](before.version, after.version);
  return order < 0 ? 'upgraded' : order > 0 ? 'downgraded' : 'changed';
}

/**
 * What changed between two inventories of one host: packages added, removed, upgraded or
 * downgraded (by the package manager's version order), ports opened and closed, users, groups,
 * sudo rules, units (added, removed, state changes), cron entries, SSH keys, runtimes and host facts.
 * Processes are not compared (they change all the time). Pure: no I/O.
 */
export function diffInventories(before: Inventory, after: Inventory): InventoryChange[] {
  const out: InventoryChange[] = [];
  diffValue('os', 'os', before.os, after.os, out);
  diffValue('kernel', 'kernel', before.kernel?.release ?? null, after.kernel?.release ?? null, out);
  diffValue('hostname', 'hostname', before.hostname, after.hostname, out);
  diffKeyed(before.addresses, after.addresses, { category: 'address', key: (a) => `${a.interface}/${a.address}` }, out);
  diffKeyed(before.packages, after.packages, { category: 'package', key: (p) => `${p.manager}:${p.name}:${p.arch}`, state: (p) => p.version, changed: versionChange }, out);
  diffKeyed(before.ports, after.ports, { category: 'port', key: (p) => `${p.transport}/${p.family === 'IPv6' ? `[${p.address}]` : p.address}:${p.port}`, state: (p) => p.process ?? '', added: 'opened', removed: 'closed' }, out);
  diffKeyed(before.users, after.users, { category: 'user', key: (u) => u.name, state: (u) => JSON.stringify([u.uid, u.gid, u.home, u.shell, u.password, u.sudo]) }, out);
  diffKeyed(before.groups, after.groups, { category: 'group', key: (g) => g.name, state: (g) => JSON.stringify([g.gid, [...g.members].sort()]) }, out);
  diffKeyed(before.sudoers, after.sudoers, { category: 'sudo-rule', key: (r) => `${r.file}:${r.rule}` }, out);
  diffKeyed(before.units, after.units, { category: 'unit', key: (u) => u.name, state: (u) => `${u.state} ${u.path}` }, out);
  diffKeyed(before.cron, after.cron, { category: 'cron', key: (c) => `${c.source}|${c.user}|${c.schedule}|${c.command}` }, out);
  diffKeyed(before.authorizedKeys, after.authorizedKeys, { category: 'authorized-key', key: (k) => `${k.user}:${k.fingerprint}`, state: (k) => `${k.file} ${k.options}` }, out);
  diffKeyed(before.containers, after.containers, { category: 'container', key: (c) => c.runtime, state: (c) => JSON.stringify([c.active, c.binaries, c.sockets]) }, out);
  return out;
}
