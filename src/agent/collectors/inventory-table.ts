import type { Inventory } from './inventory.js';

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** Human-readable rendering of an inventory: host facts, then the security-relevant lists. */
export function inventoryTable(inv: Inventory): string {
  const lines: string[] = [];
  const section = (title: string, rows: string[]) => {
    lines.push('', `${title} (${rows.length})`);
    for (const r of rows) lines.push(`  ${r}`);
  };
  lines.push(`host:      ${inv.hostname ?? '?'} — ${inv.os?.prettyName ?? 'unknown OS'}`);
  if (inv.kernel) lines.push(`kernel:    ${inv.kernel.release}${inv.kernel.machine ? ` (${inv.kernel.machine})` : ''}`);
  if (inv.hardware) lines.push(`hardware:  ${inv.hardware.logicalCpus} CPUs ${inv.hardware.cpuModel ? `(${inv.hardware.cpuModel}) ` : ''}· ${gib(inv.hardware.memoryTotalBytes)} memory`);
  lines.push(`addresses: ${inv.addresses.filter((a) => !a.internal).map((a) => `${a.address}${a.interface ? `@${a.interface}` : ''}`).join(', ') || '-'}`);
  const managers = [...new Set(inv.packages.map((p) => p.manager))];
  lines.push(`packages:  ${inv.packages.length}${managers.length > 0 ? ` (${managers.join(', ')})` : ''} · processes: ${inv.processes.length} · units: ${inv.units.length} (${inv.units.filter((u) => u.state === 'enabled').length} enabled)`);
  section('listening ports', inv.ports.map((p) => `${p.transport.padEnd(3)} ${`${p.family === 'IPv6' ? `[${p.address}]` : p.address}:${p.port}`.padEnd(28)} ${p.process ?? '?'}${p.pid ? ` (pid ${p.pid})` : ''}`));
  section('users with a login shell or sudo', inv.users.filter((u) => u.sudo || !/(nologin|false|sync|halt|shutdown)$/.test(u.shell)).map((u) => `${u.name.padEnd(16)} uid ${String(u.uid).padEnd(6)} password ${u.password.padEnd(7)} ${u.sudo ? 'sudo' : ''}`.trimEnd()));
  section('SSH authorized keys', inv.authorizedKeys.map((k) => `${k.user.padEnd(12)} ${k.type.padEnd(20)} ${k.fingerprint} ${k.comment}`.trimEnd()));
  section('cron', inv.cron.map((c) => `${c.user.padEnd(10)} ${c.schedule.padEnd(14)} ${c.command}`));
  section('container runtimes', inv.containers.map((c) => `${c.runtime.padEnd(10)} ${c.active ? 'active' : 'installed'}  ${[...c.sockets, ...c.binaries].join(' ')}`));
  if (inv.errors.length > 0) section('collector errors', inv.errors.map((e) => `${e.collector}: ${e.message}`));
  lines.push('', `collected in ${inv.durationMs} ms`);
  return `${lines.join('\n')}\n`;
}
