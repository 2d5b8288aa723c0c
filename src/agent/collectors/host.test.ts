import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { parseFibTrie, parseIfInet6 } from './addresses.js';
import { collectInventory } from './collect.js';
import { parseCpuInfo, parseMemInfo } from './hardware.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const FIB_TRIE = `Main:
  +-- 0.0.0.0/0 3 0 5
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
     +-- 10.0.0.0/24 2 0 2
           |-- 10.0.0.0
              /24 link UNICAST
           |-- 10.0.0.7
              /32 host LOCAL
        |-- 10.0.0.255
           /32 link BROADCAST
Local:
  +-- 0.0.0.0/0 3 0 5
           |-- 10.0.0.7
              /32 host LOCAL
`;

describe('host facts from a fixture root', () => {
  it('reads os-release, kernel, hostname, CPU, memory and addresses', async () => {
    const root = writeTree({
      'etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n',
      'proc/sys/kernel/osrelease': '6.8.0-45-generic\n',
      'proc/sys/kernel/version': '#45-Ubuntu SMP PREEMPT_DYNAMIC\n',
      'proc/sys/kernel/ostype': 'Linux\n',
      'proc/sys/kernel/hostname': 'web-01\n',
      'proc/cpuinfo': 'processor\t: 0\nmodel name\t: Intel(R) Xeon(R)\nphysical id\t: 0\n\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R)\nphysical id\t: 1\n',
      'proc/meminfo': 'MemTotal:        2000 kB\nMemFree:          100 kB\nMemAvailable:    1000 kB\nSwapTotal:        512 kB\n',
      'proc/net/fib_trie': FIB_TRIE,
      'proc/net/if_inet6': 'fd000000000000000000000000000002 02 40 00 80     eth0\n00000000000000000000000000000001 01 80 10 80       lo\n',
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['os', 'kernel', 'hostname', 'hardware', 'addresses'] });
    expect(inv.errors).toEqual([]);
    expect(inv.os).toMatchObject({ id: 'ubuntu', versionId: '24.04', versionCodename: 'noble', prettyName: 'Ubuntu 24.04.1 LTS', idLike: ['debian'] });
    expect(inv.kernel).toEqual({ release: '6.8.0-45-generic', version: '#45-Ubuntu SMP PREEMPT_DYNAMIC', ostype: 'Linux', machine: '' });
    expect(inv.hostname).toBe('web-01');
    expect(inv.hardware).toEqual({ cpuModel: 'Intel(R) Xeon(R)', logicalCpus: 2, sockets: 2, memoryTotalBytes: 2000 * 1024, memoryAvailableBytes: 1000 * 1024, swapTotalBytes: 512 * 1024 });
    expect(inv.addresses.map((a) => `${a.interface}/${a.address}/${a.prefixLength}`)).toEqual(['/127.0.0.1/null', '/10.0.0.7/null', 'eth0/fd00::2/64', 'lo/::1/128']);
  });

  it('leaves sections empty for a bare root', async () => {
    const root = writeTree({ 'etc/.keep': '' });
    roots.push(root);
    const inv = await collectInventory({ root });
    expect(inv.errors).toEqual([]);
    expect(inv).toMatchObject({ os: null, kernel: null, hostname: null, hardware: null, packages: [], ports: [], users: [], processes: [], units: [], cron: [], authorizedKeys: [], containers: [] });
  });

  it('parsers tolerate odd input', () => {
    expect(parseCpuInfo('')).toEqual({ cpuModel: '', logicalCpus: 0, sockets: 0 });
    expect(parseMemInfo('MemTotal: 10 kB\nMemFree: 4 kB\n').memoryAvailableBytes).toBe(4096);
    expect(parseIfInet6('garbage\n')).toEqual([]);
    expect(parseFibTrie(FIB_TRIE).map((a) => a.address)).toEqual(['127.0.0.1', '10.0.0.7']);
  });
});
