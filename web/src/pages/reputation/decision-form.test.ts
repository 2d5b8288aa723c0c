import { describe, expect, it } from 'vitest';
import { banBody, evidenceParts, isTarget, remaining } from './decision-form.js';

describe('reputation ban form', () => {
  it('accepts IPv4/IPv6 addresses and CIDR blocks, refuses the rest', () => {
    for (const ok of ['203.0.113.9', '203.0.113.0/24', '0.0.0.0/0', '2001:db8::1', '2001:db8::/32', '::1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8']) expect(isTarget(ok), ok).toBe(true);
    for (const bad of ['', 'example.com', '256.1.1.1', '1.2.3', '1.2.3.4/33', '2001:db8::/129', '1.2.3.4/24/1', '1:2:3:4:5:6:7:8:9', '2001::db8::1', '1.2.3.4/x']) expect(isTarget(bad), bad).toBe(false);
  });

  it('builds the ban request body with a duration string and the default reason', () => {
    expect(banBody({ ip: ' 203.0.113.9 ', amount: 90, unit: 'm', type: 'challenge', reason: '  ' })).toEqual({ ip: '203.0.113.9', duration: '90m', type: 'challenge', reason: 'manual' });
    expect(banBody({ ip: '10.0.0.0/8', amount: 4, unit: 'h', type: 'ban', reason: 'honeypot' })).toEqual({ ip: '10.0.0.0/8', duration: '4h', type: 'ban', reason: 'honeypot' });
  });

  it('shows evidence as key: value parts, objects as JSON, empty values left out', () => {
    expect(evidenceParts({ reportedBy: 'alice', reason: 'x', rules: ['942100'], empty: '', none: null })).toEqual(['reportedBy: alice', 'reason: x', 'rules: ["942100"]']);
    expect(evidenceParts(undefined)).toEqual([]);
  });

  it('says how long a decision has left in days, hours or minutes', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(remaining('2026-01-04T00:00:00Z', now)).toEqual({ n: 3, unit: 'd' });
    expect(remaining('2026-01-01T05:30:00Z', now)).toEqual({ n: 5, unit: 'h' });
    expect(remaining('2026-01-01T00:00:30Z', now)).toEqual({ n: 1, unit: 'm' });
    expect(remaining('2025-12-31T00:00:00Z', now)).toEqual({ n: 0, unit: 'm' });
  });
});
