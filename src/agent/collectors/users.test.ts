import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { collectInventory } from './collect.js';
import { passwordState } from './passwd.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('users, groups and sudoers', () => {
  it('password state from shadow never keeps the hash', () => {
    expect(passwordState('$6$salt$hash')).toBe('set');
    expect(passwordState('!$6$salt$hash')).toBe('locked');
    expect(passwordState('*')).toBe('locked');
    expect(passwordState('')).toBe('empty');
    expect(passwordState(undefined)).toBe('unknown');
  });

  it('reads accounts, lock state and who can sudo (groups, aliases, includes, includedir rules)', async () => {
    const root = writeTree({
      'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\ncarol:x:1002:27::/home/carol:/bin/bash\ndave:x:1003:1003::/home/dave:/bin/bash\nerin:x:1004:1004::/home/erin:/bin/bash\nfrank:x:1005:1005::/home/frank:/bin/bash\n',
      'etc/group': 'root:x:0:\nsudo:x:27:alice\nalice:x:1000:\nops:x:2000:dave,erin\n',
      'etc/shadow': 'root:*:19000:0:99999:7:::\nalice:$6$x$y:19000::::::\nbob:!$6$x$y:19000::::::\ncarol::19000::::::\n',
      'etc/sudoers': [
        'Defaults env_reset',
        'Defaults:bob !requiretty',
        '# bob ALL=(ALL) ALL   (a comment)',
        'User_Alias ADMINS = %ops, !erin',
        'root ALL=(ALL:ALL) ALL',
        '%sudo ALL=(ALL:ALL) ALL',
        'ADMINS ALL=(root) NOPASSWD: \\',
        '  /usr/bin/systemctl',
        '@includedir /etc/sudoers.d',
        '',
      ].join('\n'),
      'etc/sudoers.d/90-frank': 'frank ALL=(ALL) NOPASSWD: ALL\n',
      'etc/sudoers.d/README': 'bob ALL=(ALL) ALL\n',
      'etc/sudoers.d/old.bak': 'bob ALL=(ALL) ALL\n',
      'etc/sudoers.d/91-tilde~': 'bob ALL=(ALL) ALL\n',
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['users'] });
    expect(inv.errors).toEqual([]);
    const users = Object.fromEntries(inv.users.map((u) => [u.name, `${u.password}/${u.sudo ? 'sudo' : '-'}`]));
    expect(users).toEqual({ root: 'locked/sudo', alice: 'set/sudo', bob: 'locked/sudo', carol: 'empty/sudo', dave: 'unknown/sudo', erin: 'unknown/-', frank: 'unknown/sudo' });
    expect(inv.groups.find((g) => g.name === 'ops')).toEqual({ name: 'ops', gid: 2000, members: ['dave', 'erin'] });
    // README has no dot and is read like sudo does; only .bak and ~ files are skipped.
    expect(inv.sudoers.map((r) => `${r.file}:${r.principal}:${r.nopasswd}`)).toEqual([
      '/etc/sudoers:root:false',
      '/etc/sudoers:%sudo:false',
      '/etc/sudoers:ADMINS:true',
      '/etc/sudoers.d/90-frank:frank:true',
      '/etc/sudoers.d/README:bob:false',
    ]);
  });
});
