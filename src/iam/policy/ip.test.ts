import { describe, expect, it } from 'vitest';
import { IpRangeSet, parseCidr, parseIp, type IpRange } from './ip.js';

const range = (text: string): IpRange => {
  const r = parseCidr(text);
  if (r === null) throw new Error(`bad test CIDR ${text}`);
  return r;
};

describe('parseIp', () => {
  it.each([
    ['10.0.0.1', { v: 4, n: 0x0a000001 }],
    ['255.255.255.255', { v: 4, n: 0xffffffff }],
    ['0.0.0.0', { v: 4, n: 0 }],
    ['::1', { v: 6, n: 1n }],
    ['::', { v: 6, n: 0n }],
    ['2001:db8::1', { v: 6, n: 0x20010db8000000000000000000000001n }],
    ['2001:DB8:0:0:0:0:0:1', { v: 6, n: 0x20010db8000000000000000000000001n }],
    ['fe80::1%eth0', { v: 6, n: 0xfe800000000000000000000000000001n }],
    ['::ffff:192.0.2.1', { v: 4, n: 0xc0000201 }], // IPv4-mapped counts as IPv4
    ['64:ff9b::192.0.2.1', { v: 6, n: 0x0064ff9b0000000000000000c0000201n }],
  ])('%s', (text, expected) => {
    expect(parseIp(text)).toEqual(expected);
  });

  it.each(['', '10.0.0', '10.0.0.256', '10.0.0.01', '1.2.3.4.5', 'a.b.c.d', '1::2::3', '12345::', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', '::ffff:1.2.3'])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('parseCidr', () => {
  it('reads blocks and bare addresses, masking host bits', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ v: 4, lo: 0x0a000000, hi: 0x0affffff });
    expect(parseCidr('192.168.1.7')).toEqual({ v: 4, lo: 0xc0a80107, hi: 0xc0a80107 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ v: 4, lo: 0, hi: 0xffffffff });
    expect(parseCidr('2001:db8::/32')).toEqual({ v: 6, lo: 0x20010db8n << 96n, hi: (0x20010db8n << 96n) | ((1n << 96n) - 1n) });
    expect(parseCidr('::ffff:10.0.0.0/104')).toEqual({ v: 4, lo: 0x0a000000, hi: 0x0affffff });
  });
  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', '2001:db8::/129', 'fe80::1%eth0/64', 'localhost', '10.0.0.0/ 8'])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeNull();
  });
});

describe('IpRangeSet', () => {
  const set = new IpRangeSet(['10.0.0.0/8', '10.1.0.0/16', '192.168.0.0/24', '192.168.1.0/24', '2001:db8::/32', '2001:db8:1::/48', '203.0.113.9'].map(range));

  it('merges overlapping and adjacent blocks', () => {
    expect(set.size).toBe(4); // 10/8, 192.168.0.0/23, 203.0.113.9, 2001:db8::/32
  });

  it.each([
    ['10.255.255.255', true],
    ['11.0.0.0', false],
    ['9.255.255.255', false],
    ['192.168.0.0', true],
    ['192.168.1.255', true],
    ['192.168.2.0', false],
    ['203.0.113.9', true],
    ['203.0.113.10', false],
    ['::ffff:10.9.8.7', true],
    ['2001:db8:ffff::1', true],
    ['2001:db9::1', false],
    ['::1', false],
  ])('%s → %s', (ip, expected) => {
    expect(set.contains(parseIp(ip)!)).toBe(expected);
  });

  it('lets an IPv6 block that covers the mapped space match IPv4 addresses', () => {
    const all6 = new IpRangeSet([range('::/0')]);
    expect(all6.contains(parseIp('8.8.8.8')!)).toBe(true);
    const mapped = new IpRangeSet([range('::ffff:0:0/96')]);
    expect(mapped.contains(parseIp('1.2.3.4')!)).toBe(true);
    expect(mapped.contains(parseIp('2001:db8::1')!)).toBe(false);
    expect(new IpRangeSet([]).contains(parseIp('1.2.3.4')!)).toBe(false);
  });
});
