import { describe, expect, it } from 'vitest';
import { dlpConfig } from './config.js';
import { compileDlpPolicy } from './policy.js';

function issuePaths(input: unknown): string[] {
  const r = dlpConfig.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('dlp config', () => {
  it('fills defaults: enabled, mask, email off, 64 KiB hold, 200 ms flush', () => {
    const c = dlpConfig.parse({});
    expect(c).toEqual({ enabled: true, action: 'mask', detectors: {}, exceptions: [], holdBytes: 65536, flushAfterMs: 200 });
    expect(compileDlpPolicy(dlpConfig.parse({ flushAfterMs: 0 })).flushAfterMs).toBe(0);
    const p = compileDlpPolicy(c);
    expect(p.rules.map((r) => r.detector.name)).toEqual(['privateKey', 'accessKey', 'idCard', 'bankCard', 'phone', 'stackTrace', 'dbError']);
    expect(p.rules.find((r) => r.detector.name === 'phone')?.keep).toEqual({ prefix: 3, suffix: 4 });
  });

  it('resolves per-detector actions, keep rules and bulk thresholds', () => {
    const p = compileDlpPolicy(
      dlpConfig.parse({ action: 'log', bulkThreshold: 5, detectors: { idCard: { action: 'block', keep: { suffix: 2 } }, email: { enabled: true }, stackTrace: { bulkThreshold: 3 }, phone: { enabled: false } } }),
    );
    const rule = (n: string) => p.rules.find((r) => r.detector.name === n);
    expect(rule('idCard')).toMatchObject({ action: 'block', keep: { prefix: 6, suffix: 2 }, bulkThreshold: 5 });
    expect(rule('email')).toMatchObject({ action: 'log', bulkThreshold: 5 });
    expect(rule('stackTrace')).toMatchObject({ action: 'log', bulkThreshold: 3 });
    expect(rule('dbError')?.bulkThreshold).toBeUndefined();
    expect(rule('phone')).toBeUndefined();
  });

  it('rejects bad input naming the field', () => {
    expect(issuePaths({ action: 'redact' })).toEqual(['action']);
    expect(issuePaths({ detectors: { phone: { action: 'drop' } } })).toEqual(['detectors.phone.action']);
    expect(issuePaths({ detectors: { ssn: {} } })).toEqual(['detectors']);
    expect(issuePaths({ detectors: { idCard: { keep: { prefix: 40 } } } })).toEqual(['detectors.idCard.keep.prefix']);
    expect(issuePaths({ exceptions: ['static/*'] })).toEqual(['exceptions.0']);
    expect(issuePaths({ exceptions: ['/a*b'] })).toEqual(['exceptions.0']);
    expect(issuePaths({ bulkThreshold: 0 })).toEqual(['bulkThreshold']);
    expect(issuePaths({ flushAfterMs: -1 })).toEqual(['flushAfterMs']);
    expect(issuePaths({ flushAfterMs: 60_001 })).toEqual(['flushAfterMs']);
    expect(issuePaths({ flushAfterMs: 1.5 })).toEqual(['flushAfterMs']);
    expect(issuePaths({ surprise: true })).toEqual(['']);
  });
});
