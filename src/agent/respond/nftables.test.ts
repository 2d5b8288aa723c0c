import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockableAddress, blockIp, listBlocked, parseSetJson, unblockIp } from './nftables.js';

/** True when a TCP connection from `from` to the namespace's server gets its greeting in time. */
function canConnect(to: string, from: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: to, port, localAddress: from });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 800);
    s.once('data', () => done(true));
    s.once('error', () => done(false));
  });
}

function hostHasBulwarkTable(): boolean {
  return execFileSync('nft', ['list', 'tables'], { encoding: 'utf8' }).includes('table inet bulwark');
}

describe('parsing and validation', () => {
  it('reads timed and permanent elements from nft JSON', () => {
    const json = '{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"set": {"family": "inet", "name": "blocked4", "table": "bulwark", "type": "ipv4_addr", "handle": 2, "flags": ["timeout"], "elem": [{"elem": {"val": "10.1.1.1", "timeout": 60, "expires": 59}}, "10.2.2.2"]}}]}';
    expect(parseSetJson(json)).toEqual([
      { ip: '10.1.1.1', timeoutSeconds: 60, expiresInSeconds: 59 },
      { ip: '10.2.2.2', timeoutSeconds: null, expiresInSeconds: null },
    ]);
  });

  it('accepts single addresses only and never loopback', () => {
    expect(blockableAddress('::ffff:192.0.2.7')).toEqual({ ip: '192.0.2.7', family: 4 });
    expect(blockableAddress('2001:DB8::1')).toEqual({ ip: '2001:db8::1', family: 6 });
    for (const bad of ['10.0.0.0/8', 'example.com', '127.0.0.1', '::1', '1.2.3.4; flush ruleset']) expect(() => blockableAddress(bad)).toThrow(/InvalidParameter|not an IPv4|loopback/);
  });
});

describe('nftables blocking inside a test network namespace', () => {
  const tag = `${process.pid % 10000}${randomInt(100, 999)}`;
  const netns = `bwt${tag}`;
  const vethHost = `bwh${tag}`;
  const net = `10.213.${randomInt(1, 250)}`;
  const [blocked, other, inside] = [`${net}.1`, `${net}.3`, `${net}.2`];
  const net6 = `fd00:b17:${randomInt(1, 0xffff).toString(16)}::`;
  const [blocked6, inside6] = [`${net6}1`, `${net6}2`];
  const port = 8080;
  let server: ChildProcess | undefined;
  let hostTableBefore = false;

  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

  beforeAll(async () => {
    hostTableBefore = hostHasBulwarkTable();
    ip('netns', 'add', netns);
    ip('link', 'add', vethHost, 'type', 'veth', 'peer', 'name', `bwn${tag}`);
    ip('link', 'set', `bwn${tag}`, 'netns', netns);
    ip('addr', 'add', `${blocked}/24`, 'dev', vethHost);
    ip('addr', 'add', `${other}/24`, 'dev', vethHost);
    ip('-6', 'addr', 'add', `${blocked6}/64`, 'dev', vethHost, 'nodad');
    ip('link', 'set', vethHost, 'up');
    ip('netns', 'exec', netns, 'ip', 'addr', 'add', `${inside}/24`, 'dev', `bwn${tag}`);
    ip('netns', 'exec', netns, 'ip', '-6', 'addr', 'add', `${inside6}/64`, 'dev', `bwn${tag}`, 'nodad');
    ip('netns', 'exec', netns, 'ip', 'link', 'set', `bwn${tag}`, 'up');
    ip('netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up');
    server = spawn('ip', ['netns', 'exec', netns, process.execPath, '-e', `const net = require('net'); let n = 0; for (const host of ['${inside}', '${inside6}']) net.createServer((s) => s.end('ok')).listen(${port}, host, () => ++n === 2 && console.log('ready'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.once('data', () => resolve());
      server!.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
  });

  afterAll(async () => {
    server?.kill('SIGKILL');
    await sleep(50);
    // deleting the namespace removes its veth end, its peer and its nftables ruleset
    try {
      ip('netns', 'del', netns);
    } catch {
      /* already gone */
    }
    try {
      ip('link', 'del', vethHost);
    } catch {
      /* removed with the namespace */
    }
  });

  it('a blocked source cannot connect, another source can, and the block expires', async () => {
    expect(await canConnect(inside, blocked, port)).toBe(true);
    expect(await canConnect(inside, other, port)).toBe(true);

    const record = await blockIp(blocked, 2, { netns });
    expect(record).toMatchObject({ action: 'block', target: blocked, outcome: 'done', details: { durationSeconds: 2 }, undo: { action: 'unblock', target: blocked } });
    expect((await listBlocked({ netns })).map((b) => [b.ip, b.timeoutSeconds])).toEqual([[blocked, 2]]);

    expect(await canConnect(inside, blocked, port)).toBe(false);
    expect(await canConnect(inside, other, port)).toBe(true);

    let reopened = false;
    for (let i = 0; i < 30 && !reopened; i++) {
      await sleep(500);
      reopened = await canConnect(inside, blocked, port);
    }
    expect(reopened).toBe(true);
    expect(await listBlocked({ netns })).toEqual([]);
  });

  it('IPv6 sources go to the blocked6 set', async () => {
    expect(await canConnect(inside6, blocked6, port)).toBe(true);
    await blockIp(blocked6, 60, { netns });
    expect(await canConnect(inside6, blocked6, port)).toBe(false);
    expect(await canConnect(inside, blocked, port)).toBe(true);
    expect((await unblockIp(blocked6, { netns })).outcome).toBe('done');
    expect(await canConnect(inside6, blocked6, port)).toBe(true);
  });

  it('a permanent block holds until unblocked; unblocking twice is a no-op; the host firewall is untouched', async () => {
    await blockIp(other, 0, { netns });
    expect(await listBlocked({ netns })).toEqual([{ ip: other, timeoutSeconds: null, expiresInSeconds: null }]);
    expect(await canConnect(inside, other, port)).toBe(false);
    const undo = await unblockIp(other, { netns });
    expect(undo).toMatchObject({ action: 'unblock', outcome: 'done', undo: { action: 'block', target: other, options: { durationSeconds: 0 } } });
    expect(await canConnect(inside, other, port)).toBe(true);
    expect((await unblockIp(other, { netns })).outcome).toBe('unchanged');
    expect(hostHasBulwarkTable()).toBe(hostTableBefore);
  });
});
