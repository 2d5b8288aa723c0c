import { CRITICAL_ALERT_SEVERITY } from '../../snapshot/snapshot.js';
import { accountRef, notApplicable, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-SOC-101';

export const unresolvedCriticalAlerts: PlatformCheck = {
  id: ID,
  title: 'No critical security-center alert is left unresolved',
  severity: 'high',
  source: 'platform',
  resourceTypes: ['bulwark:alert'],
  rationale: 'A critical alert (leaked credential, intrusion) that nobody closes is an incident nobody handled.',
  remediation: {
    console: 'Security center → Alerts: investigate each open critical alert, respond (rotate keys, isolate the host), then close it.',
    cli: 'bulwark events query \'event.severity>=90\' --from -7d   # the events behind an alert',
  },
  evaluate(s) {
    if (!s.alerts.available) return notApplicable(ID, accountRef(s), s.alerts.reason);
    const critical = s.alerts.items.filter((a) => a.severity >= CRITICAL_ALERT_SEVERITY);
    if (critical.length === 0) return [result(ID, 'pass', accountRef(s), 'no unresolved critical alert', { unresolvedCritical: 0, threshold: CRITICAL_ALERT_SEVERITY })];
    return critical.map((a) => result(ID, 'fail', { id: `bulwark:alert/${a.id}`, type: 'bulwark:alert' }, `critical alert "${a.title}" is ${a.status} since ${a.createdAt}`, { severity: a.severity, status: a.status, ruleId: a.ruleId, createdAt: a.createdAt }));
  },
};
