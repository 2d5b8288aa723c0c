import { afterAll, describe, expect, it } from 'vitest';
import { procEntry, removeTree, writeTree } from '../test-support/tree.js';
import { collectInventory } from './collect.js';
import { decodeHexAddress, parseSocketTable } from './net-sockets.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const row = (local: string, remote: string, st: string, uid: number, inode: number) => `   0: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000 ${uid} 0 ${inode} 1 0000000000000000 100 0 0 10 0\n`;

describe('listening ports', () => {
  it('decodes kernel hex addresses', () => {
    expect(decodeHexAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeHexAddress('00000000')).toBe('0.0.0.0');
    expect(decodeHexAddress('00000000000000000000000001000000')).toBe('::1');
    expect(decodeHexAddress('00000000000000000000000000000000')).toBe('::');
    expect(decodeHexAddress('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    expect(decodeHexAddress('000000FD000000000000000002000000')).toBe('fd00::2');
    expect(parseSocketTable(HEAD + row('0100007F:0016', '00000000:0000', '0A', 0, 77), 'tcp', 'IPv4')[0]).toMatchObject({ localPort: 22, state: 10, inode: 77 });
  });

  it('lists TCP listeners and unconnected UDP sockets with the owning process; established and connected sockets are not listening', async () => {
    const root = writeTree({
      'proc/net/tcp': HEAD + row('00000000:0016', '00000000:0000', '0A', 0, 1001) + row('0100007F:0CEA', '00000000:0000', '0A', 106, 1002) + row('0200000A:0016', '0900000A:D431', '01', 0, 1003),
      'proc/net/tcp6': HEAD + row('00000000000000000000000000000000:0050', '00000000000000000000000000000000:0000', '0A', 33, 1004),
      'proc/net/udp': HEAD + row('00000000:0035', '00000000:0000', '07', 0, 1005) + row('0200000A:A000', '08080808:0035', '01', 0, 1006),
      ...procEntry(100, { name: 'sshd', argv: ['sshd: /usr/sbin/sshd -D'], fds: { 0: '/dev/null', 3: 'socket:[1001]', 4: 'socket:[1003]' } }),
      ...procEntry(200, { name: 'nginx', argv: ['nginx: master process'], fds: { 6: 'socket:[1004]', 7: 'pipe:[5]' } }),
      ...procEntry(300, { name: 'dnsmasq', argv: ['dnsmasq'], fds: { 4: 'socket:[1005]' } }),
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['ports'] });
    expect(inv.ports.map((p) => `${p.transport}/${p.address}:${p.port}/${p.pid ?? '-'}/${p.process ?? '-'}`)).toEqual([
      'tcp/0.0.0.0:22/100/sshd',
      'tcp/:::80/200/nginx',
      'tcp/127.0.0.1:3306/-/-',
      'udp/0.0.0.0:53/300/dnsmasq',
    ]);
  });
});
