import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../../test-support/tree.js';
import { statusOf } from '../test-support/rule.js';

describe('f: rules', () => {
  const root = writeTree({
    'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n',
    'etc/ssh/sshd_config.d/50-hard.conf': 'PermitRootLogin no\n',
    'proc/sys/net/ipv4/ip_forward': '0\n',
    'etc/empty': '',
  });
  const ctx = { root, commands: { allowed: false as const, reason: 'no' } };
  afterAll(() => removeTree(root));

  it('existence: found, not found, not', async () => {
    expect(await statusOf('f:/etc/ssh/sshd_config', ctx)).toBe('found');
    expect(await statusOf('f:/etc/shadow', ctx)).toBe('not found');
    expect(await statusOf('not f:/etc/shadow', ctx)).toBe('found');
    expect(await statusOf('f:/etc/ssh', ctx)).toBe('not found');
  });

  it('content: per line, literal and regex', async () => {
    expect(await statusOf('f:/proc/sys/net/ipv4/ip_forward -> 0', ctx)).toBe('found');
    expect(await statusOf('f:/proc/sys/net/ipv4/ip_forward -> 1', ctx)).toBe('not found');
    expect(await statusOf('not f:/etc/ssh/sshd_config -> r:^Port\\s+22', ctx)).toBe('not found');
  });

  it('content of a missing or non-regular file is not applicable, with or without not', async () => {
    expect(await statusOf('f:/etc/shadow -> r:x', ctx)).toBe('invalid');
    expect(await statusOf('not f:/etc/shadow -> r:x', ctx)).toBe('invalid');
    expect(await statusOf('f:/etc/ssh -> r:x', ctx)).toBe('invalid');
  });

  it('lists and wildcards: found in any file; not applicable only when no file can be read', async () => {
    expect(await statusOf('f:/etc/ssh/sshd_config,/etc/ssh/sshd_config.d/*.conf -> r:^PermitRootLogin\\s+no', ctx)).toBe('found');
    expect(await statusOf('f:/nope,/etc/ssh/sshd_config -> r:^PermitRootLogin', ctx)).toBe('not found');
    expect(await statusOf('f:/nope/*.conf -> r:x', ctx)).toBe('invalid');
    expect(await statusOf('f:/nope,/etc/ssh/sshd_config.d/*.conf', ctx)).toBe('found');
  });

  it('an empty file matches nothing', async () => {
    expect(await statusOf('f:/etc/empty -> !r:x', ctx)).toBe('not found');
  });
});

describe('f: rules within one scan', () => {
  it('read each small file once: later rules see the same content', async () => {
    const root = writeTree({ 'etc/login.defs': 'PASS_MAX_DAYS 90\n' });
    try {
      const ctx = { root, commands: { allowed: false as const, reason: 'no' } };
      expect(await statusOf('f:/etc/login.defs -> r:90', ctx)).toBe('found');
      writeFileSync(join(root, 'etc/login.defs'), 'PASS_MAX_DAYS 99999\n');
      expect(await statusOf('f:/etc/login.defs -> r:90$', ctx)).toBe('found');
      expect(await statusOf('f:/etc/login.defs -> r:90$', { ...ctx, files: new Map() })).toBe('not found');
    } finally {
      removeTree(root);
    }
  });
});
