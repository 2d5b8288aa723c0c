import { describe, expect, it } from 'vitest';
import { emptySnapshot, outcomes, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { unresolvedCriticalAlerts } from './unresolved-critical-alerts.js';

describe('BWK-SOC-101 unresolved critical alerts', () => {
  it('passes without critical alerts and fails each unresolved critical one', () => {
    expect(unresolvedCriticalAlerts.evaluate(emptySnapshot())[0]?.status).toBe('pass');
    const s = snapshotWith((x) => {
      x.alerts = {
        available: true,
        source: 'event_alerts',
        items: [
          { id: 'alert-1', title: 'Leaked AccessKey', severity: 100, status: 'open', ruleId: 'system:leaked-credentials', createdAt: '2026-05-30T00:00:00.000Z' },
          { id: 'alert-2', title: 'Port scan', severity: 75, status: 'open', ruleId: 'rule-x', createdAt: '2026-05-30T00:00:00.000Z' },
          { id: 'alert-3', title: 'Webshell', severity: 90, status: 'acknowledged', ruleId: 'rule-y', createdAt: '2026-05-31T00:00:00.000Z' },
        ],
      };
    });
    expect(outcomes(unresolvedCriticalAlerts, s)).toEqual({ 'bulwark:alert/alert-1': 'fail', 'bulwark:alert/alert-3': 'fail' });
  });
});
