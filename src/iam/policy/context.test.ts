import { describe, expect, it } from 'vitest';
import { GLOBAL_KEYS, lookupContext, requestContext } from './context.js';

describe('requestContext', () => {
  it('spells the global keys canonically and passes service keys through', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const ctx = requestContext({
      sourceIp: '2001:db8::1',
      secureTransport: true,
      mfaPresent: false,
      currentTime: now,
      sourceVpc: 'vpc-1',
      resourceTags: { env: 'prod', 'cost center': '42' },
      keys: { 'ram:MaxSessionDuration': 3600, 'acs:SourceIp': 'spoofed', 'oss:Prefix': undefined },
    });
    expect({ ...ctx }).toEqual({
      'ram:MaxSessionDuration': 3600,
      'acs:SourceIp': '2001:db8::1', // the front door's value wins over a passed-through key
      'acs:SecureTransport': true,
      'acs:MFAPresent': false,
      'acs:CurrentTime': now,
      'acs:SourceVpc': 'vpc-1',
      'acs:ResourceTag/env': 'prod',
      'acs:ResourceTag/cost center': '42',
    });
    expect(GLOBAL_KEYS.mfaPresent).toBe('acs:MFAPresent');
  });

  it('looks keys up case-insensitively and ignores inherited properties', () => {
    const ctx = requestContext({ sourceIp: '10.0.0.1' });
    expect(lookupContext(ctx, 'acs:SourceIp', 'acs:sourceip')).toBe('10.0.0.1');
    expect(lookupContext(ctx, 'ACS:SOURCEIP', 'acs:sourceip')).toBe('10.0.0.1');
    expect(lookupContext({ toString: 'x' }, 'constructor', 'constructor')).toBeUndefined();
    expect(lookupContext(undefined, 'acs:SourceIp', 'acs:sourceip')).toBeUndefined();
  });
});
