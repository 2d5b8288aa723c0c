import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { authorizedKeysPatterns, expandKeysPath, parseAuthorizedKeys } from './authorized-keys.js';
import { collectInventory } from './collect.js';

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJZ+KSEjD2e4155pbptykY04fh1Z/9Sq1+Bh04pNKGbd alice@laptop';
const ECDSA = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLAiC3fQQdSsP6UpMl/tyl8DFKVbiB19M9Vn64Tc5bvdN6MEsArWkSjhfhf1rQH683O4hf8kZ0U0bfenSUW+niY= deploy key';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('SSH authorized keys', () => {
  it('fingerprints match ssh-keygen -l; options with quoted spaces are kept; malformed lines are skipped', () => {
    const text = `# comment\n${ED25519}\ncommand="echo hi there",no-pty ${ECDSA}\nssh-rsa notbase64!! x\nssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ== mismatched-type\n`;
    expect(parseAuthorizedKeys(text, 'alice', '/home/alice/.ssh/authorized_keys')).toEqual([
      { user: 'alice', file: '/home/alice/.ssh/authorized_keys', type: 'ssh-ed25519', fingerprint: 'SHA256:EvVSRvXPVQeh7yaosvOVyQaa3Szox7KLKkz3c7HzxNY', comment: 'alice@laptop', options: '' },
      { user: 'alice', file: '/home/alice/.ssh/authorized_keys', type: 'ecdsa-sha2-nistp256', fingerprint: 'SHA256:tWmX8FkUczSwmdMnKujkSwOMaS0uDU6f3nS88NfWabM', comment: 'deploy key', options: 'command="echo hi there",no-pty' },
    ]);
  });

  it('AuthorizedKeysFile from sshd_config with %h/%u tokens', () => {
    expect(authorizedKeysPatterns('Port 22\nAuthorizedKeysFile /etc/ssh/keys/%u .ssh/authorized_keys\n')).toEqual(['/etc/ssh/keys/%u', '.ssh/authorized_keys']);
    expect(authorizedKeysPatterns(undefined)).toEqual(['.ssh/authorized_keys', '.ssh/authorized_keys2']);
    expect(expandKeysPath('/etc/ssh/keys/%u', { name: 'bob', uid: 1001, home: '/home/bob' })).toBe('/etc/ssh/keys/bob');
    expect(expandKeysPath('.ssh/authorized_keys', { name: 'bob', uid: 1001, home: '/home/bob/' })).toBe('/home/bob/.ssh/authorized_keys');
  });

  it('collects keys of every account under the root', async () => {
    const root = writeTree({
      'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      'root/.ssh/authorized_keys': `${ECDSA}\n`,
      'home/alice/.ssh/authorized_keys2': `${ED25519}\n`,
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['authorized-keys'] });
    expect(inv.authorizedKeys.map((k) => [k.user, k.file, k.type])).toEqual([
      ['root', '/root/.ssh/authorized_keys', 'ecdsa-sha2-nistp256'],
      ['alice', '/home/alice/.ssh/authorized_keys2', 'ssh-ed25519'],
    ]);
  });
});
