import { describe, expect, it } from 'vitest';
import { cidrKeyRange, ipKey } from './ip-key.js';

describe('ip keys', () => {
  it('maps IPv4 into the IPv4-mapped IPv6 range and orders numerically', () => {
    expect(ipKey('10.0.0.1')).toBe('00000000000000000000ffff0a000001');
    expect(ipKey('::ffff:10.0.0.1')).toBe(ipKey('10.0.0.1'));
    expect(ipKey('9.255.255.255')! < ipKey('10.0.0.0')!).toBe(true);
    expect(ipKey('2001:db8::1')).toBe('20010db8000000000000000000000001');
    expect(ipKey('::1')).toBe('00000000000000000000000000000001');
    expect(ipKey('fe80::1:2')).toBe('fe800000000000000000000000010002');
    expect(ipKey('not-an-ip')).toBeUndefined();
  });

  it('computes CIDR ranges that contain exactly their members', () => {
    const r = cidrKeyRange('10.0.0.0/8')!;
    const inside = (ip: string) => ipKey(ip)! >= r.low && ipKey(ip)! <= r.high;
    expect(inside('10.0.0.0')).toBe(true);
    expect(inside('10.255.255.255')).toBe(true);
    expect(inside('11.0.0.0')).toBe(false);
    expect(inside('9.255.255.255')).toBe(false);
    const v6 = cidrKeyRange('2001:db8::/32')!;
    expect(ipKey('2001:db8:ffff::1')! <= v6.high && ipKey('2001:db8:ffff::1')! >= v6.low).toBe(true);
    expect(ipKey('2001:db9::1')! > v6.high).toBe(true);
    expect(cidrKeyRange('10.0.0.0/33')).toBeUndefined();
    expect(cidrKeyRange('10.0.0.0')).toBeUndefined();
  });
});
