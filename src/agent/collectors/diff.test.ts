import { describe, expect, it } from 'vitest';
import { diffInventories } from './diff.js';
import type { Inventory } from './inventory.js';

function inventory(part: Partial<Inventory>): Inventory {
  return { schemaVersion: 1, collectedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, os: null, kernel: null, hostname: 'h', addresses: [], hardware: null, packages: [], ports: [], users: [], groups: [], sudoers: [], processes: [], units: [], cron: [], authorizedKeys: [], containers: [], errors: [], ...part };
}

const pkg = (name: string, version: string) => ({ manager: 'dpkg' as const, name, version, arch: 'amd64', source: name, sourceVersion: version });
const port = (p: number, process: string | null = 'sshd') => ({ transport: 'tcp' as const, family: 'IPv4' as const, address: '0.0.0.0', port: p, uid: 0, inode: p, pid: 1, process });
const user = (name: string, sudo = false) => ({ name, uid: 1000, gid: 1000, gecos: '', home: `/home/${name}`, shell: '/bin/bash', password: 'set' as const, sudo });
const key = (user: string, fingerprint: string) => ({ user, file: `/home/${user}/.ssh/authorized_keys`, type: 'ssh-ed25519', fingerprint, comment: '', options: '' });
const unit = (name: string, state: 'enabled' | 'disabled') => ({ name, type: 'service', path: `/lib/systemd/system/${name}`, state, wantedBy: [], description: '' });

describe('diffInventories', () => {
  it('reports nothing for identical inventories, even when processes differ', () => {
    const a = inventory({ packages: [pkg('bash', '5.2')], ports: [port(22)] });
    const b = inventory({ packages: [pkg('bash', '5.2')], ports: [port(22)], processes: [{ pid: 9, ppid: 1, name: 'x', state: 'S', uid: 0, commandLine: 'x', executable: null, rssBytes: 0, startTicks: 0 }], collectedAt: '2026-01-02T00:00:00.000Z' });
    expect(diffInventories(a, b)).toEqual([]);
  });

  it('packages added, removed, upgraded and downgraded by Debian version order', () => {
    const a = inventory({ packages: [pkg('openssl', '3.0.15-1~deb12u1'), pkg('libc6', '2.36-9+deb12u9'), pkg('curl', '7.88.1-10'), pkg('telnet', '0.17-44')] });
    const b = inventory({ packages: [pkg('openssl', '3.0.15-1'), pkg('libc6', '2.36-9+deb12u10'), pkg('curl', '7.88.1-9'), pkg('nmap', '7.93')] });
    expect(diffInventories(a, b).map((c) => `${c.action} ${c.key}`)).toEqual(['upgraded dpkg:openssl:amd64', 'upgraded dpkg:libc6:amd64', 'downgraded dpkg:curl:amd64', 'added dpkg:nmap:amd64', 'removed dpkg:telnet:amd64']);
  });

  it('ports opened and closed, users and keys added and removed, unit state changes, host facts', () => {
    const a = inventory({ ports: [port(22), port(80, 'nginx')], users: [user('alice'), user('bob')], authorizedKeys: [key('alice', 'SHA256:a')], units: [unit('ssh.service', 'enabled'), unit('telnet.service', 'disabled')], hostname: 'old' });
    const b = inventory({ ports: [port(22), port(6379, 'redis-server')], users: [user('alice', true), user('mallory')], authorizedKeys: [key('alice', 'SHA256:a'), key('root', 'SHA256:m')], units: [unit('ssh.service', 'enabled'), unit('telnet.service', 'enabled')], hostname: 'new' });
    const changes = diffInventories(a, b);
    expect(changes.map((c) => `${c.category} ${c.action} ${c.key}`)).toEqual([
      'hostname changed hostname',
      'port opened tcp/0.0.0.0:6379',
      'port closed tcp/0.0.0.0:80',
      'user changed alice',
      'user added mallory',
      'user removed bob',
      'unit changed telnet.service',
      'authorized-key added root:SHA256:m',
    ]);
    expect(changes[0]).toMatchObject({ before: 'old', after: 'new' });
    expect(changes.find((c) => c.key === 'telnet.service')).toMatchObject({ before: { state: 'disabled' }, after: { state: 'enabled' } });
  });
});
