import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { loadIac } from './load.js';
import { isUnknown } from './resource.js';
import { scanIac } from './scan.js';

const root = mkdtempSync(join(tmpdir(), 'bw-iac-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const abs = join(root, path);
  mkdirSync(join(abs, '..'), { recursive: true });
  writeFileSync(abs, text);
  return abs;
}

write(
  'main.tf',
  `variable "admin_cidr" {
  default = "0.0.0.0/0"
}
variable "from_outside" {}
locals {
  ssh = "22/22"
}
module "net" {
  source = "./modules/net"
}
resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = local.ssh
  cidr_ip           = var.admin_cidr
  security_group_id = alicloud_security_group.app.id
}
resource "alicloud_security_group_rule" "unknown" {
  type        = "ingress"
  ip_protocol = "tcp"
  port_range  = "3306/3306"
  cidr_ip     = var.from_outside
}
resource "alicloud_security_group_rule" "counted" {
  count       = 2
  type        = "ingress"
  ip_protocol = "tcp"
  port_range  = "\${22 + count.index}/\${22 + count.index}"
  cidr_ip     = "0.0.0.0/0"
}
`,
);
write('modules/net/vpc.tf', 'resource "alicloud_vpc" "main" {\n  cidr_block = "10.0.0.0/8"\n}\n');
write('broken/bad.tf', 'resource "alicloud_vpc" "x" {\n  cidr_block = \n');
write('.terraform/modules/skip.tf', 'resource "alicloud_vpc" "skipped" {}\n');

describe('loadIac', () => {
  it('evaluates literal variables and locals, prefixes module addresses, drops meta-arguments', async () => {
    const { resources } = await loadIac([root]);
    const ssh = resources.find((r) => r.name === 'ssh')!;
    expect(ssh.attributes).toMatchObject({ port_range: '22/22', cidr_ip: '0.0.0.0/0' });
    expect(isUnknown(ssh.attributes.security_group_id)).toBe(true);
    expect(ssh.line).toBe(11);
    expect(ssh.lineOf(['cidr_ip'])).toBe(15);
    expect(resources.find((r) => r.name === 'main')!.address).toBe('module.net.alicloud_vpc.main');
    expect(resources.find((r) => r.name === 'counted')!.attributes).not.toHaveProperty('count');
    expect(resources.some((r) => r.name === 'skipped')).toBe(false);
  });

  it('reports a malformed file as a coded scan error naming it, and scans the rest', async () => {
    const { resources, errors, files } = await loadIac([root]);
    expect(errors).toEqual([expect.objectContaining({ code: 'Posture.InvalidTerraform', file: relative(process.cwd(), join(root, 'broken/bad.tf')) })]);
    expect(errors[0]!.message).toContain('bad.tf');
    expect(files).toHaveLength(3);
    expect(resources.length).toBe(4);
  });

  it('overlapping arguments scan each file once', async () => {
    const { resources } = await loadIac([root, join(root, 'main.tf'), join(root, 'modules')]);
    expect(resources.length).toBe(4);
  });

  it('a missing path is Scan.PathNotFound', async () => {
    await expect(loadIac([join(root, 'nope')])).rejects.toBeInstanceOf(BulwarkError);
    await expect(loadIac([join(root, 'nope')])).rejects.toMatchObject({ code: 'Scan.PathNotFound' });
  });
});

describe('scanIac', () => {
  it('reports literal exposures and never reports on unknown values', async () => {
    const result = await scanIac([root]);
    const fails = result.results.filter((r) => r.status === 'fail' && r.checkId === 'BWK-ECS-002');
    expect(fails.map((r) => [r.resource.id, r.resource.line])).toEqual([['alicloud_security_group_rule.ssh', 14]]);
    const unknown = result.results.filter((r) => r.resource.id === 'alicloud_security_group_rule.unknown');
    expect(unknown.every((r) => r.status !== 'fail')).toBe(true);
    expect(unknown.some((r) => r.status === 'not_applicable')).toBe(true);
    expect(result.results.filter((r) => r.resource.id === 'alicloud_security_group_rule.counted' && r.status === 'fail')).toEqual([]);
  });
});
