import { describe, expect, it } from 'vitest';
import { riskLevel, riskScore } from './risk.js';

const none = { vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0 }, failedChecks: 0, alerts: { high: 0, total: 0 } };

describe('host risk score', () => {
  it('is 0 for a host with nothing open', () => {
    expect(riskScore(none)).toEqual({ Score: 0, Level: 'none', Parts: { Vulnerabilities: 0, Baseline: 0, Intrusions: 0 } });
  });

  it('weighs open vulnerabilities by severity, failed checks and recent alerts', () => {
    const r = riskScore({ vulnerabilities: { critical: 1, high: 2, medium: 3, low: 1 }, failedChecks: 4, alerts: { high: 1, total: 3 } });
    // 10 + 10 + 6 + 0.5 = 26.5; 4; 10 + 2·3 = 16
    expect(r.Parts).toEqual({ Vulnerabilities: 26.5, Baseline: 4, Intrusions: 16 });
    expect(r.Score).toBe(47);
    expect(r.Level).toBe('medium');
  });

  it('caps each part, so no single source exceeds its share and the total stays within 100', () => {
    const r = riskScore({ vulnerabilities: { critical: 40, high: 0, medium: 0, low: 0 }, failedChecks: 300, alerts: { high: 9, total: 9 } });
    expect(r.Parts).toEqual({ Vulnerabilities: 50, Baseline: 20, Intrusions: 30 });
    expect(r).toMatchObject({ Score: 100, Level: 'critical' });
    expect(riskScore({ ...none, failedChecks: 300 })).toMatchObject({ Score: 20, Level: 'low' });
  });

  it('maps scores to levels at 25, 50 and 75', () => {
    expect([0, 1, 24, 25, 49, 50, 74, 75, 100].map(riskLevel)).toEqual(['none', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});
