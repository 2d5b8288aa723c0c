import { describe, expect, it } from 'vitest';
import { auditConfigFromEnv } from './audit.js';

describe('audit config', () => {
  it('defaults to batched durability with a one-second fsync bound', () => {
    expect(auditConfigFromEnv({})).toEqual({ durability: 'batched', syncIntervalMs: 1000 });
  });

  it('reads BULWARK_AUDIT_DURABILITY and BULWARK_AUDIT_SYNC_INTERVAL_MS', () => {
    expect(auditConfigFromEnv({ BULWARK_AUDIT_DURABILITY: 'strict', BULWARK_AUDIT_SYNC_INTERVAL_MS: '250' })).toEqual({ durability: 'strict', syncIntervalMs: 250 });
  });

  it('refuses an unknown mode or an out-of-range interval, naming the field', () => {
    expect(() => auditConfigFromEnv({ BULWARK_AUDIT_DURABILITY: 'none' })).toThrow(/durability/);
    expect(() => auditConfigFromEnv({ BULWARK_AUDIT_SYNC_INTERVAL_MS: '5' })).toThrow(/syncIntervalMs/);
  });
});
