import type { CheckResult } from '../../check.js';
import { consoleAccess, key, kmsKey, site, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { reportFromSnapshot, type IacInput } from '../build-report.js';
import type { ComplianceReport } from '../compliance-report.js';

/** A hostile IaC result: markup in every free-text field must come out escaped. */
export const HOSTILE: CheckResult = {
  checkId: 'BWK-OSS-010',
  status: 'fail',
  resource: { id: 'alicloud_oss_bucket.x<img src=x onerror=alert(1)>', type: 'alicloud_oss_bucket', file: 'main.tf', line: 4 },
  message: 'ACL is "public-read" <script>alert(2)</script>',
  evidence: { acl: '</pre><script>alert(3)</script>' },
};

/** A report with failures, passes, manual and not-applicable requirements, for rendering tests. */
export function sampleComplianceReport(framework = 'cis-alibaba-2.0'): ComplianceReport {
  const snapshot = snapshotWith((s) => {
    s.ram.root.accessKeys = [key('LTAIroot')];
    s.ram.users = [user('alice', { console: consoleAccess }), user('ci', { accessKeys: [key('LTAIci')] })];
    s.kms.keys = [kmsKey('key-1')];
    s.sites = { available: true, source: 'gw.yaml', items: [site('shop', { wafMode: 'detect' })] };
  });
  const iac: IacInput = { paths: ['main.tf'], resources: 2, results: [HOSTILE, { ...HOSTILE, status: 'pass', checkId: 'BWK-OSS-009', message: 'logging on', evidence: {} }] };
  return reportFromSnapshot(framework, snapshot, iac, '2026-06-01T00:00:00.000Z');
}
