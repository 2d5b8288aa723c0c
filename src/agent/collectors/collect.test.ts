import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory } from './collect.js';
import type { Collector } from './collector.js';
import { inventorySchema } from './inventory.js';

describe('collectInventory on this machine', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('produces a valid inventory with this process, its listening port and the OS', async () => {
    const inv = await collectInventory();
    if (process.env.BULWARK_PRINT_INVENTORY) console.log(JSON.stringify({ ...inv, processes: inv.processes.length, packages: inv.packages.length, units: inv.units.length }, null, 1));
    expect(inventorySchema.safeParse(inv).success).toBe(true);
    expect(inv.errors).toEqual([]);
    expect(inv.os?.id).toBeTruthy();
    expect(inv.kernel?.release).toBeTruthy();
    expect(inv.processes.find((p) => p.pid === process.pid)?.name).toBeTruthy();
    const mine = inv.ports.find((p) => p.transport === 'tcp' && p.port === port);
    expect(mine).toMatchObject({ address: '127.0.0.1', pid: process.pid, family: 'IPv4' });
    expect(inv.addresses.some((a) => a.address === '127.0.0.1')).toBe(true);
  });

  it('a failing collector is recorded as an error and the rest still runs', async () => {
    const broken: Collector = { name: 'broken', sections: ['packages'], collect: () => { throw new Error('boom'); } };
    const fine: Collector = { name: 'fine', sections: ['hostname'], collect: () => ({ hostname: 'h1' }) };
    const inv = await collectInventory({ collectors: [broken, fine] });
    expect(inv.errors).toEqual([{ collector: 'broken', message: 'boom' }]);
    expect(inv.packages).toEqual([]);
    expect(inv.hostname).toBe('h1');
    expect(inventorySchema.safeParse(inv).success).toBe(true);
  });
});

describe('inventory limits', () => {
  it('cuts over-long values and lists so the report still validates', async () => {
    const huge: Collector = {
      name: 'huge',
      sections: ['cron', 'os', 'units'],
      collect: () => ({
        cron: [{ source: '/etc/crontab', user: 'root', schedule: '* * * * *', command: 'x'.repeat(20_000) }],
        os: { id: 'i'.repeat(500), name: 'n', version: '', versionId: '', versionCodename: '', prettyName: 'p', idLike: Array.from({ length: 40 }, (_, i) => `like${i}`) },
        units: [{ name: 'a.service', type: 'service', path: '/x', state: 'enabled' as const, wantedBy: Array.from({ length: 300 }, (_, i) => `t${i}.target`), description: 'd'.repeat(5000) }],
      }),
    };
    const inv = await collectInventory({ collectors: [huge] });
    expect(inv.errors).toEqual([]);
    expect(inventorySchema.safeParse(inv).success).toBe(true);
    expect(inv.cron[0]!.command).toHaveLength(8192);
    expect(inv.os!.id).toHaveLength(64);
    expect(inv.os!.idLike).toHaveLength(16);
    expect(inv.units[0]!.wantedBy).toHaveLength(256);
    expect(inv.units[0]!.description).toHaveLength(1024);
  });
});
