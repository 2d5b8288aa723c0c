import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../../test-support/tree.js';
import { statusOf } from '../test-support/rule.js';
import { readProcessNames } from './process.js';

describe('p: rules', () => {
  const root = writeTree({
    'proc/1/comm': 'systemd\n',
    'proc/1/cmdline': '/sbin/init\0splash\0',
    'proc/412/comm': 'systemd-timesyn\n',
    'proc/412/cmdline': '/lib/systemd/systemd-timesyncd\0',
    'proc/77/comm': 'kworker/0:1\n',
    'proc/self/comm': 'not-a-pid\n',
  });
  const noProc = writeTree({ 'etc/hostname': 'x\n' });
  const ctx = { root, commands: { allowed: false as const, reason: 'no' } };
  afterAll(() => [root, noProc].forEach(removeTree));

  it('reads comm and the base name of argv[0] from <root>/proc', () => {
    expect([...(readProcessNames(root) as Set<string>)].sort()).toEqual(['init', 'kworker/0:1', 'systemd', 'systemd-timesyn', 'systemd-timesyncd']);
  });

  it('found / not found / not', async () => {
    expect(await statusOf('p:systemd-timesyncd', ctx)).toBe('found');
    expect(await statusOf('p:systemd-timesyn', ctx)).toBe('found');
    expect(await statusOf('p:auditd', ctx)).toBe('not found');
    expect(await statusOf('not p:auditd', ctx)).toBe('found');
  });

  it('not applicable when the root has no /proc', async () => {
    expect(await statusOf('p:sshd', { root: noProc, commands: { allowed: false, reason: 'no' } })).toBe('invalid');
  });

  it('real /proc lists this process', () => {
    const names = readProcessNames('/');
    expect(typeof names).not.toBe('string');
    expect((names as Set<string>).has('node') || [...(names as Set<string>)].some((n) => n.startsWith('node'))).toBe(true);
  });
});
