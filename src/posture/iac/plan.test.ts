import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { planResources } from './plan.js';
import { isUnknown } from './resource.js';
import { scanIac } from './scan.js';

/** A plan as `terraform show -json` writes it: root and child module, changes, configuration. */
const PLAN = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: {
    root_module: {
      resources: [
        { address: 'alicloud_oss_bucket.logs', mode: 'managed', type: 'alicloud_oss_bucket', name: 'logs', values: { bucket: 'corp-logs', acl: 'public-read', versioning: [{ status: 'Enabled' }] } },
        { address: 'data.alicloud_zones.z', mode: 'data', type: 'alicloud_zones', name: 'z', values: {} },
        { address: 'alicloud_vpc_flow_log.main', mode: 'managed', type: 'alicloud_vpc_flow_log', name: 'main', values: { resource_type: 'VPC', traffic_type: 'All' } },
      ],
      child_modules: [
        {
          address: 'module.net',
          resources: [
            { address: 'module.net.alicloud_vpc.main', mode: 'managed', type: 'alicloud_vpc', name: 'main', values: { cidr_block: '10.0.0.0/8' } },
            { address: 'module.net.alicloud_vpc.other', mode: 'managed', type: 'alicloud_vpc', name: 'other', values: { cidr_block: '10.1.0.0/16' } },
            { address: 'module.net.alicloud_security_group_rule.rdp[0]', mode: 'managed', type: 'alicloud_security_group_rule', name: 'rdp', index: 0, values: { type: 'ingress', ip_protocol: 'tcp', port_range: '3389/3389', ipv6_cidr_ip: '::/0', policy: 'accept' } },
            { address: 'module.net.alicloud_security_group_rule.gone', mode: 'managed', type: 'alicloud_security_group_rule', name: 'gone', values: { type: 'ingress', ip_protocol: 'all', cidr_ip: '0.0.0.0/0' } },
          ],
          child_modules: [],
        },
      ],
    },
  },
  resource_changes: [
    { address: 'alicloud_vpc_flow_log.main', mode: 'managed', type: 'alicloud_vpc_flow_log', name: 'main', change: { actions: ['create'], after: { resource_type: 'VPC' }, after_unknown: { resource_id: true, id: true } } },
    { address: 'module.net.alicloud_security_group_rule.gone', mode: 'managed', type: 'alicloud_security_group_rule', name: 'gone', change: { actions: ['delete'], after: null } },
    { address: 'module.net.alicloud_vpc.other', mode: 'managed', type: 'alicloud_vpc', name: 'other', change: { actions: ['create'], after: { cidr_block: '10.1.0.0/16' }, after_unknown: { id: true } } },
  ],
  configuration: {
    root_module: {
      resources: [{ address: 'alicloud_vpc_flow_log.main', expressions: { resource_id: { references: ['module.net.alicloud_vpc.main.id', 'module.net.alicloud_vpc.main'] } } }],
      module_calls: { net: { source: './net', module: { resources: [{ address: 'alicloud_vpc.main', expressions: {} }] } } },
    },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'bw-iac-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('planResources', () => {
  const resources = planResources('plan.json', PLAN);

  it('reads planned_values with child modules, skips data sources and deleted resources', () => {
    expect(resources.map((r) => r.address).sort()).toEqual([
      'alicloud_oss_bucket.logs',
      'alicloud_vpc_flow_log.main',
      'module.net.alicloud_security_group_rule.rdp[0]',
      'module.net.alicloud_vpc.main',
      'module.net.alicloud_vpc.other',
    ]);
    expect(resources.every((r) => r.file === 'plan.json' && r.line === undefined)).toBe(true);
  });

  it('turns after_unknown values into unknowns carrying configuration references', () => {
    const flow = resources.find((r) => r.type === 'alicloud_vpc_flow_log')!;
    expect(isUnknown(flow.attributes.resource_id)).toBe(true);
    expect(JSON.stringify(flow.attributes.resource_id)).toContain('module.net.alicloud_vpc.main.id');
  });

  it('an invalid plan is Posture.InvalidPlan naming the field', () => {
    expect(() => planResources('p.json', { planned_values: { root_module: { resources: [{ address: 1 }] } } })).toThrow(BulwarkError);
    const thrown = ((): unknown => {
      try {
        planResources('p.json', { resource_changes: 'nope' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toMatchObject({ code: 'Posture.InvalidPlan', params: { file: 'p.json', field: 'resource_changes' } });
    expect(() => planResources('p.json', { hello: 1 })).toThrow(/neither planned_values nor resource_changes/);
  });
});

describe('scanning a plan', () => {
  it('finds IPv6 exposure, public ACLs and VPCs without flow logs through references; malformed JSON is a scan error', async () => {
    writeFileSync(join(dir, 'tfplan.json'), JSON.stringify(PLAN));
    writeFileSync(join(dir, 'broken.plan.json'), '{"planned_values": ');
    writeFileSync(join(dir, 'package.json'), '{"name": "not a plan"}');
    const result = await scanIac([dir]);
    const fails = result.results.filter((r) => r.status === 'fail').map((r) => `${r.checkId} ${r.resource.id}`);
    expect(fails).toContain('BWK-ECS-002 module.net.alicloud_security_group_rule.rdp[0]');
    expect(fails).toContain('BWK-OSS-010 alicloud_oss_bucket.logs');
    expect(fails).toContain('BWK-VPC-001 module.net.alicloud_vpc.other');
    expect(fails).not.toContain('BWK-VPC-001 module.net.alicloud_vpc.main');
    expect(fails.some((f) => f.includes('.gone'))).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'Posture.InvalidPlan' })]);
    expect(result.files).toHaveLength(2);
  });
});
