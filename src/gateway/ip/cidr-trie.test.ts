import { describe, expect, it } from 'vitest';
import { CidrTrie } from './cidr-trie.js';
import { normalizeIp, parseCidr, parseIp } from './ip-address.js';
import { IpAccessList } from './ip-access-list.js';

describe('ip parsing', () => {
  it('parses IPv4, IPv6, compressed and mapped forms', () => {
    expect([...(parseIp('192.0.2.1') ?? [])]).toEqual([192, 0, 2, 1]);
    expect(parseIp('::ffff:192.0.2.1')?.length).toBe(4);
    expect([...(parseIp('2001:db8::1') ?? [])].slice(0, 4)).toEqual([0x20, 0x01, 0x0d, 0xb8]);
    expect(parseIp('::1')?.[15]).toBe(1);
    expect(parseIp('fe80::1%eth0')?.[0]).toBe(0xfe);
    for (const bad of ['256.0.0.1', '1.2.3', '1:2:3', '::1::2', 'abc', '1.2.3.4.5', '12345::']) expect(parseIp(bad)).toBeUndefined();
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(parseCidr('::ffff:10.0.0.0/104')).toEqual({ bytes: new Uint8Array([10, 0, 0, 0]), bits: 8 });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });
});

describe('CidrTrie', () => {
  it('finds the longest matching prefix for IPv4 and IPv6', () => {
    const t = new CidrTrie<string>();
    t.insert('10.0.0.0/8', 'wide');
    t.insert('10.1.0.0/16', 'narrow');
    t.insert('10.1.2.3', 'host');
    t.insert('2001:db8::/32', 'v6');
    t.insert('0.0.0.0/0', 'all4');
    expect(t.lookup('10.1.2.3')).toEqual({ value: 'host', bits: 32 });
    expect(t.lookup('10.1.9.9')?.value).toBe('narrow');
    expect(t.lookup('10.200.0.1')?.value).toBe('wide');
    expect(t.lookup('11.0.0.1')?.value).toBe('all4');
    expect(t.lookup('2001:db8:ffff::1')?.value).toBe('v6');
    expect(t.lookup('2001:db9::1')).toBeUndefined();
    expect(t.lookup('::ffff:10.1.2.3')?.value).toBe('host');
    t.insert('10.0.0.0/8', 'wide2'); // same block again: replaced, not duplicated
    expect(t.lookup('10.200.0.1')?.value).toBe('wide2');
    expect(t.size).toBe(5);
    t.insert('10.1.0.0/12', 'mid'); // shorter than an existing /16: must not shadow it
    expect(t.lookup('10.1.9.9')?.value).toBe('narrow');
    expect(t.lookup('10.2.0.1')?.value).toBe('mid');
  });

  it('holds 100k random blocks and matches a linear scan', () => {
    const t = new CidrTrie<number>();
    const blocks: Array<[number, number]> = [];
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let i = 0; i < 100_000; i++) {
      const bits = rnd() % 33;
      const addr = (rnd() >>> 0) & (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);
      blocks.push([addr >>> 0, bits]);
      t.insert(`${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}/${bits}`, i);
    }
    for (let k = 0; k < 60; k++) {
      const ip = rnd() >>> 0;
      let bestBits = -1;
      for (const [a, b] of blocks) {
        const mask = b === 0 ? 0 : (0xffffffff << (32 - b)) >>> 0;
        if (((ip & mask) >>> 0) === a && b > bestBits) bestBits = b;
      }
      const hit = t.lookup(`${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`);
      expect(hit?.bits ?? -1).toBe(bestBits);
    }
  });
});

describe('IpAccessList', () => {
  it('denies listed blocks, lets specific allows through and enforces allow-only lists', () => {
    const deny = new IpAccessList({ allow: ['203.0.113.7'], deny: ['203.0.113.0/24', '2001:db8::/32'] });
    expect(deny.check('203.0.113.9')).toBe('deny');
    expect(deny.check('203.0.113.7')).toBe('allow');
    expect(deny.check('2001:db8::5')).toBe('deny');
    const allowOnly = new IpAccessList({ allow: ['127.0.0.0/8'], deny: [] });
    expect(allowOnly.check('127.0.0.1')).toBe('allow');
    expect(allowOnly.check('8.8.8.8')).toBe('deny');
    expect(new IpAccessList({ allow: [], deny: [] }).check('1.1.1.1')).toBe('none');
  });
});
