import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../../test-support/tree.js';
import { statusOf } from '../test-support/rule.js';

describe('d: rules', () => {
  const root = writeTree({
    'etc/audit/rules.d/50-identity.rules': '-w /etc/passwd -p wa -k identity\n',
    'etc/audit/rules.d/sub/60-time.rules': '-a always,exit -F arch=b64 -S adjtimex -k time-change\n',
    'etc/audit/rules.d/README': '-w /etc/shadow -p wa -k identity\n',
    'etc/security/pwquality.conf.d/50-len.conf': 'minlen = 14\n',
    'outside/secret.rules': '-w /etc/shadow -p wa\n',
    'etc/empty/.keep': '',
  });
  symlinkSync(join(root, 'outside'), join(root, 'etc/audit/rules.d/linked'));
  const ctx = { root, commands: { allowed: false as const, reason: 'no' } };
  afterAll(() => removeTree(root));

  it('existence of the directory', async () => {
    expect(await statusOf('d:/etc/audit/rules.d', ctx)).toBe('found');
    expect(await statusOf('d:/etc/nope', ctx)).toBe('not found');
    expect(await statusOf('not d:/etc/nope', ctx)).toBe('found');
  });

  it('a file by literal name or regex, recursively', async () => {
    expect(await statusOf('d:/etc/audit/rules.d -> README', ctx)).toBe('found');
    expect(await statusOf('d:/etc/audit/rules.d -> r:^60-.*\\.rules$', ctx)).toBe('found');
    expect(await statusOf('d:/etc/audit/rules.d -> r:^70-', ctx)).toBe('not found');
  });

  it('content of the files whose name matches (other files and symlinks are ignored)', async () => {
    expect(await statusOf('d:/etc/audit/rules.d -> r:\\.rules$ -> r:^-w && r:/etc/passwd && r:-k identity', ctx)).toBe('found');
    expect(await statusOf('d:/etc/audit/rules.d -> r:\\.rules$ -> r:adjtimex', ctx)).toBe('found');
    expect(await statusOf('d:/etc/audit/rules.d -> r:\\.rules$ -> r:/etc/shadow', ctx)).toBe('not found');
    expect(await statusOf('d:/etc/empty -> r:\\.rules$ -> r:x', ctx)).toBe('not found');
  });

  it('DIR/* means the directory (Wazuh policies write it so)', async () => {
    expect(await statusOf('d:/etc/security/pwquality.conf.d/* -> r:.+\\.conf$ -> n:minlen\\s*=\\s*(\\d+) compare >= 14', ctx)).toBe('found');
  });

  it('testing files of a missing directory is not applicable', async () => {
    expect(await statusOf('d:/etc/nope -> r:\\.rules$ -> r:x', ctx)).toBe('invalid');
    expect(await statusOf('not d:/etc/nope -> r:x', ctx)).toBe('invalid');
  });
});
