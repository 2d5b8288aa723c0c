import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { collectInventory } from './collect.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const SERVICE = (desc: string, install = '[Install]\nWantedBy=multi-user.target\n') => `[Unit]\nDescription=${desc}\n\n[Service]\nExecStart=/bin/true\n\n${install}`;

describe('systemd units', () => {
  it('state from the .wants links under /etc, masks, statics, overrides by precedence, instances of templates', async () => {
    const root = writeTree({
      'lib/systemd/system/ssh.service': SERVICE('OpenBSD Secure Shell server'),
      'lib/systemd/system/redis.service': SERVICE('Redis (vendor)'),
      'lib/systemd/system/telnet.service': SERVICE('Telnet'),
      'lib/systemd/system/systemd-journald.service': SERVICE('Journal Service', ''),
      'lib/systemd/system/getty@.service': SERVICE('Getty on %I', '[Install]\nWantedBy=getty.target\n'),
      'lib/systemd/system/multi-user.target': '[Unit]\nDescription=Multi-User System\n',
      'lib/systemd/system/cups.service': SERVICE('CUPS'),
      'etc/systemd/system/redis.service': SERVICE('Redis (local override)'),
      'etc/systemd/system/cups.service': { link: '/dev/null' },
      'etc/systemd/system/sshd.service': { link: '/lib/systemd/system/ssh.service' },
      'etc/systemd/system/multi-user.target.wants/ssh.service': { link: '/lib/systemd/system/ssh.service' },
      'etc/systemd/system/multi-user.target.wants/redis.service': { link: '/etc/systemd/system/redis.service' },
      'etc/systemd/system/getty.target.wants/getty@tty1.service': { link: '/lib/systemd/system/getty@.service' },
      'etc/systemd/system/ssh.service.d/override.conf': '[Service]\n',
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['units'] });
    expect(inv.units.map((u) => `${u.name} ${u.state} ${u.wantedBy.join(',')} ${u.path} ${u.description}`)).toEqual([
      'cups.service masked  /etc/systemd/system/cups.service ',
      'getty@.service enabled getty.target /lib/systemd/system/getty@.service Getty on %I',
      'multi-user.target static  /lib/systemd/system/multi-user.target Multi-User System',
      'redis.service enabled multi-user.target /etc/systemd/system/redis.service Redis (local override)',
      'ssh.service enabled multi-user.target /lib/systemd/system/ssh.service OpenBSD Secure Shell server',
      'systemd-journald.service static  /lib/systemd/system/systemd-journald.service Journal Service',
      'telnet.service disabled  /lib/systemd/system/telnet.service Telnet',
    ]);
  });
});
