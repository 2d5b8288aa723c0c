import { afterAll, describe, expect, it } from 'vitest';
import { procEntry, removeTree, writeTree } from '../test-support/tree.js';
import { collectInventory } from './collect.js';
import { parseStat } from './proc.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('processes', () => {
  it('parses stat lines whose comm holds spaces and parentheses', () => {
    const stat = parseStat('4242 (my (odd) proc) R 1 4242 4242 0 -1 4194560 10 0 0 0 150 50 0 0 20 0 1 0 98765 1000 300 18446744073709551615');
    expect(stat).toEqual({ pid: 4242, name: 'my (odd) proc', state: 'R', ppid: 1, cpuTicks: 200, startTicks: 98765, rssPages: 300 });
    expect(parseStat('garbage')).toBeUndefined();
  });

  it('reads stat, cmdline, exe and uid of each process under the root', async () => {
    const root = writeTree({
      ...procEntry(1, { name: 'systemd', ppid: 0, argv: ['/sbin/init', 'splash'], exe: '/usr/lib/systemd/systemd' }),
      ...procEntry(812, { name: 'bash', ppid: 1, argv: ['-bash'], exe: '/usr/bin/bash', uid: 1000 }),
      ...procEntry(2, { name: 'kthreadd', ppid: 0, argv: [] }),
      'proc/self': { link: '812' },
      'proc/net/tcp': '',
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['processes'] });
    expect(inv.processes).toEqual([
      { pid: 1, ppid: 0, name: 'systemd', state: 'S', uid: 0, commandLine: '/sbin/init splash', executable: '/usr/lib/systemd/systemd', rssBytes: 250 * 4096, startTicks: 12345 },
      { pid: 2, ppid: 0, name: 'kthreadd', state: 'S', uid: 0, commandLine: '', executable: null, rssBytes: 250 * 4096, startTicks: 12345 },
      { pid: 812, ppid: 1, name: 'bash', state: 'S', uid: 1000, commandLine: '-bash', executable: '/usr/bin/bash', rssBytes: 250 * 4096, startTicks: 12345 },
    ]);
  });
});
