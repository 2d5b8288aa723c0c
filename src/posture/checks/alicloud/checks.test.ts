import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanIac } from '../../iac/scan.js';
import { ALICLOUD_CHECKS } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-iac-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Failures of the given checks on one Terraform source, as `CHECK resource:line`. */
async function fails(source: string, ...checkIds: string[]): Promise<string[]> {
  const file = join(dir, `t${n++}.tf`);
  writeFileSync(file, source);
  const result = await scanIac([file], { checks: ALICLOUD_CHECKS.filter((c) => checkIds.includes(c.id)) });
  expect(result.errors).toEqual([]);
  return result.results.filter((r) => r.status === 'fail').map((r) => `${r.checkId} ${r.resource.id.split('.')[1]}:${r.resource.line}`);
}

describe('check metadata', () => {
  it('ids are unique and well-formed; every check has rationale and console remediation', () => {
    const ids = ALICLOUD_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of ALICLOUD_CHECKS) {
      expect(c.id).toMatch(/^BWK-[A-Z]+-\d{3}$/);
      expect(c.source).toBe('iac');
      expect(c.rationale.length).toBeGreaterThan(20);
      expect(c.remediation.console.length).toBeGreaterThan(10);
      expect(c.resourceTypes.length).toBeGreaterThan(0);
    }
  });
});

describe('SLB/ALB listeners (seed rule)', () => {
  const lbs = `
resource "alicloud_slb_load_balancer" "public" {
  load_balancer_name = "web"
}
resource "alicloud_slb_load_balancer" "private" {
  address_type = "intranet"
}
`;
  it('management ports through an internet-facing SLB are critical findings; intranet and unknown balancers are not', async () => {
    const out = await fails(
      `${lbs}
resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.public.id
  frontend_port    = 2222
  backend_port     = 22
  protocol         = "tcp"
}
resource "alicloud_slb_listener" "redis_private" {
  load_balancer_id = alicloud_slb_load_balancer.private.id
  frontend_port    = 6379
  backend_port     = 6379
  protocol         = "tcp"
}
resource "alicloud_slb_listener" "elsewhere" {
  load_balancer_id = var.lb_id
  frontend_port    = 3389
  backend_port     = 3389
  protocol         = "tcp"
}
resource "alicloud_slb_listener" "web" {
  load_balancer_id = alicloud_slb_load_balancer.public.id
  frontend_port    = 443
  backend_port     = 8443
  protocol         = "https"
  tls_cipher_policy = "tls_cipher_policy_1_2_strict"
}`,
      'BWK-SLB-001',
    );
    expect(out).toEqual(['BWK-SLB-001 ssh:12']);
  });

  it('plain HTTP without redirect and weak TLS policies are found', async () => {
    const out = await fails(
      `${lbs}
resource "alicloud_slb_listener" "http" {
  load_balancer_id = alicloud_slb_load_balancer.public.id
  frontend_port    = 80
  backend_port     = 80
  protocol         = "http"
}
resource "alicloud_slb_listener" "redirect" {
  load_balancer_id = alicloud_slb_load_balancer.public.id
  frontend_port    = 8080
  protocol         = "http"
  listener_forward = "on"
  forward_port     = 443
}
resource "alicloud_slb_listener" "https_default" {
  load_balancer_id = alicloud_slb_load_balancer.public.id
  frontend_port    = 443
  protocol         = "https"
}
resource "alicloud_alb_listener" "alb" {
  listener_protocol  = "HTTPS"
  listener_port      = 443
  security_policy_id = "tls_cipher_policy_1_1"
}`,
      'BWK-SLB-002',
      'BWK-SLB-003',
    );
    expect(out.sort()).toEqual(['BWK-SLB-002 http:13', 'BWK-SLB-003 alb:30', 'BWK-SLB-003 https_default:22']);
  });
});

describe('security groups', () => {
  it('IPv6 ::/0 counts as public; drop rules, egress and private ranges do not', async () => {
    const out = await fails(
      `resource "alicloud_security_group_rule" "v6" {
  type         = "ingress"
  ip_protocol  = "tcp"
  port_range   = "3389/3389"
  ipv6_cidr_ip = "::/0"
}
resource "alicloud_security_group_rule" "drop" {
  type        = "ingress"
  policy      = "drop"
  ip_protocol = "tcp"
  port_range  = "22/22"
  cidr_ip     = "0.0.0.0/0"
}
resource "alicloud_security_group_rule" "egress" {
  type        = "egress"
  ip_protocol = "all"
  port_range  = "-1/-1"
  cidr_ip     = "0.0.0.0/0"
}
resource "alicloud_security_group_rule" "web" {
  type        = "ingress"
  ip_protocol = "tcp"
  port_range  = "443/443"
  cidr_ip     = "0.0.0.0/0"
}`,
      'BWK-ECS-001',
      'BWK-ECS-002',
      'BWK-ECS-003',
    );
    expect(out).toEqual(['BWK-ECS-002 v6:4']);
  });
});

describe('other checks beyond KICS', () => {
  it('databases, instances, RAM, ACK, ActionTrail, KMS', async () => {
    const out = await fails(
      `resource "alicloud_db_instance" "pg" {
  engine         = "PostgreSQL"
  engine_version = "15.0"
  auto_upgrade_minor_version = "Manual"
  parameters {
    name  = "log_connections"
    value = "off"
  }
}
resource "alicloud_db_backup_policy" "b" {
  instance_id             = alicloud_db_instance.pg.id
  backup_retention_period = 3
}
resource "alicloud_mongodb_instance" "m" {
  security_ip_list = ["10.0.0.0/8", "0.0.0.0/0"]
  ssl_action       = "Open"
}
resource "alicloud_instance" "classic" {
  data_disks {
    size      = 20
    encrypted = true
  }
  data_disks {
    size = 40
  }
}
resource "alicloud_ram_login_profile" "p" {
  user_name = "alice"
  password  = "x"
}
resource "alicloud_ram_access_key" "k" {
  user_name = "alice"
}
resource "alicloud_cs_managed_kubernetes" "k8s" {
  slb_internet_enabled = true
  pod_vswitch_ids      = ["vsw-1"]
  addons {
    name = "terway-eniip"
  }
}
resource "alicloud_actiontrail_trail" "t" {
  trail_region = "All"
  event_rw     = "All"
}
resource "alicloud_kms_key" "k" {
  status = "PendingDeletion"
}
resource "alicloud_ram_group_policy_attachment" "admin" {
  policy_name = "AdministratorAccess"
  policy_type = "System"
  group_name  = "ops"
}`,
      'BWK-RDS-002', 'BWK-RDS-008', 'BWK-RDS-009', 'BWK-MONGODB-001', 'BWK-MONGODB-002', 'BWK-MONGODB-003', 'BWK-MONGODB-004', 'BWK-ECS-007', 'BWK-ECS-008',
      'BWK-RAM-010', 'BWK-RAM-012', 'BWK-ACK-002', 'BWK-ACK-003', 'BWK-ACTIONTRAIL-004', 'BWK-KMS-002',
    );
    expect(out.sort()).toEqual(
      [
        'BWK-ACK-003 k8s:35',
        'BWK-ACTIONTRAIL-004 t:41',
        'BWK-ECS-007 classic:18',
        'BWK-ECS-008 classic:23',
        'BWK-KMS-002 k:46',
        'BWK-MONGODB-001 m:14',
        'BWK-MONGODB-003 m:15',
        'BWK-MONGODB-004 m:14',
        'BWK-RAM-010 admin:49',
        'BWK-RAM-012 k:32',
        'BWK-RDS-002 pg:7',
        'BWK-RDS-008 b:12',
        'BWK-RDS-009 pg:4',
      ].sort(),
    );
  });

  it('OSS: ACL and policy in separate resources are read for the bucket', async () => {
    const out = await fails(
      `resource "alicloud_oss_bucket" "b" {
  bucket = "corp-data"
}
resource "alicloud_oss_bucket_acl" "b" {
  bucket = alicloud_oss_bucket.b.bucket
  acl    = "public-read-write"
}
resource "alicloud_oss_bucket_policy" "p" {
  bucket = alicloud_oss_bucket.b.bucket
  policy = jsonencode({ Version = "1", Statement = [] })
}
resource "alicloud_oss_bucket_policy" "open" {
  bucket = "other"
  policy = "{\\"Version\\":\\"1\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":[\\"oss:PutObject\\"],\\"Principal\\":[\\"*\\"],\\"Resource\\":[\\"acs:oss:*:*:other/*\\"]}]}"
}`,
      'BWK-OSS-004', 'BWK-OSS-010', 'BWK-OSS-013',
    );
    expect(out.sort()).toEqual(['BWK-OSS-004 open:14', 'BWK-OSS-010 b:6', 'BWK-OSS-013 b:1']);
  });

  it('jsonencode() of literal values is evaluated; dynamic blocks are unknown, never a finding', async () => {
    const out = await fails(
      `variable "name" {
  default = "corp"
}
resource "alicloud_oss_bucket" "b" {
  bucket = var.name
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect    = "Allow"
      Action    = ["oss:PutObject"]
      Principal = ["*"]
      Resource  = ["acs:oss:*:*:\${var.name}/*"]
    }]
  })
  dynamic "versioning" {
    for_each = var.versioned ? [1] : []
    content {
      status = "Enabled"
    }
  }
}
resource "alicloud_oss_bucket" "computed" {
  bucket = "c"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["oss:PutObject"], Principal = [data.alicloud_account.me.id] }] })
}`,
      'BWK-OSS-004', 'BWK-OSS-012',
    );
    expect(out).toEqual(['BWK-OSS-004 b:6', 'BWK-OSS-012 computed:22']);
  });

  it('launch templates: per-disk encryption on alicloud_ecs_launch_template; asymmetric KMS keys do not rotate', async () => {
    const out = await fails(
      `resource "alicloud_ecs_launch_template" "t" {
  launch_template_name = "t"
  data_disks {
    name      = "a"
    encrypted = true
  }
  data_disks {
    name      = "b"
    encrypted = false
  }
}
resource "alicloud_ecs_launch_template" "no_disks" {
  launch_template_name = "n"
}
resource "alicloud_kms_key" "rsa" {
  key_spec = "RSA_2048"
  key_usage = "SIGN/VERIFY"
}
resource "alicloud_kms_key" "aes" {
  key_spec = "Aliyun_AES_256"
}`,
      'BWK-ECS-006', 'BWK-KMS-001',
    );
    expect(out.sort()).toEqual(['BWK-ECS-006 t:9', 'BWK-KMS-001 aes:19']);
  });

  it('CIS: console MFA, *:* policies, ACK log service, CloudMonitor and dashboard', async () => {
    const out = await fails(
      `resource "alicloud_ram_login_profile" "alice" {
  user_name = "alice"
  password  = "x"
}
resource "alicloud_ram_login_profile" "bob" {
  user_name         = "bob"
  password          = "x"
  mfa_bind_required = true
}
resource "alicloud_ram_policy" "admin" {
  policy_name     = "admin"
  policy_document = jsonencode({ Version = "1", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "alicloud_ram_policy" "ecs" {
  policy_name     = "ecs"
  policy_document = jsonencode({ Version = "1", Statement = [{ Effect = "Allow", Action = "ecs:*", Resource = "*" }] })
}
resource "alicloud_cs_managed_kubernetes" "a" {
  install_cloud_monitor = true
  addons {
    name = "logtail-ds"
  }
  addons {
    name = "kubernetes-dashboard"
  }
}
resource "alicloud_cs_managed_kubernetes" "b" {
  addons {
    name = "terway-eniip"
  }
}`,
      'BWK-RAM-013', 'BWK-RAM-014', 'BWK-ACK-004', 'BWK-ACK-005', 'BWK-ACK-006',
    );
    expect(out.sort()).toEqual(['BWK-ACK-004 b:28', 'BWK-ACK-005 b:27', 'BWK-ACK-006 a:24', 'BWK-RAM-013 alice:1', 'BWK-RAM-014 admin:12']);
  });
});
