/** A findings report input for the report tests: real checks, hostile strings, a plan finding, an error. */
import { ALICLOUD_CHECKS } from '../../checks/alicloud/index.js';
import type { CheckResult } from '../../check.js';
import type { ReportInput } from '../findings.js';

const pick = (id: string) => ALICLOUD_CHECKS.find((c) => c.id === id)!;

export const HOSTILE = `<script>alert("x")</script> & 'quotes' ]]>`;

export function sampleReport(): ReportInput {
  const results: CheckResult[] = [
    { checkId: 'BWK-ECS-002', status: 'fail', resource: { id: 'alicloud_security_group_rule.ssh', type: 'alicloud_security_group_rule', file: 'infra/main.tf', line: 14 }, message: 'tcp 22 (SSH) open to 0.0.0.0/0', evidence: { path: 'port_range', ports: ['22 (SSH)'] } },
    { checkId: 'BWK-OSS-010', status: 'fail', resource: { id: 'alicloud_oss_bucket.logs', type: 'alicloud_oss_bucket', file: 'plan.json' }, message: `ACL is public-read ${HOSTILE}`, evidence: { path: 'acl', acl: HOSTILE } },
    { checkId: 'BWK-RAM-001', status: 'fail', resource: { id: 'alicloud_ram_account_password_policy.corp', type: 'alicloud_ram_account_password_policy', file: 'infra/ram policy.tf', line: 2 }, message: 'minimum length below 14', evidence: { path: 'minimum_password_length' } },
    { checkId: 'BWK-RAM-001', status: 'pass', resource: { id: 'alicloud_ram_account_password_policy.other', type: 'alicloud_ram_account_password_policy', file: 'infra/other.tf', line: 1 }, message: 'compliant', evidence: {} },
    { checkId: 'BWK-ECS-002', status: 'not_applicable', resource: { id: 'alicloud_security_group_rule.var', type: 'alicloud_security_group_rule', file: 'infra/main.tf', line: 30 }, message: 'part of the rule is only known at apply time', evidence: {} },
  ];
  return {
    tool: { name: 'bulwark-iac', version: '0.1.0' },
    checks: ['BWK-ECS-002', 'BWK-OSS-010', 'BWK-RAM-001', 'BWK-VPC-001'].map(pick),
    results,
    errors: [{ file: 'infra/broken.tf', code: 'Posture.InvalidTerraform', message: `Terraform file "infra/broken.tf" cannot be parsed: ${HOSTILE}.` }],
    scanned: { files: 4, resources: 5, durationMs: 12 },
  };
}
