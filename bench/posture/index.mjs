#!/usr/bin/env node
// bench/posture: time to scan 1,000 generated Alibaba Cloud Terraform resources.
//
// Input: N resources (default 1,000) of 12 types (security group rules, OSS buckets with policies,
// RDS instances, disks, VPCs + flow logs, KMS keys, RAM policies + attachments, SLB listeners…)
// in 50 .tf files in a temp folder, and the same resources as one plan JSON.
// Baseline: hcl2json parsing alone (`@cdktf/hcl2json` parse of every file, the first step of the
//   scan) — what any hcl2json-based scanner pays before running a single rule.
// Bulwark: `scanIac` from dist/ — parse, source pass for lines, literal evaluation, all checks.
// Each figure is the median of R interleaved runs (default 7) after one warm-up round.
//
// Usage: npm run bench -- posture [--resources N] [--runs R]   (last line: one JSON object)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const { scanIac } = await import(new URL('posture/iac/scan.js', dist).href);
const { ALICLOUD_CHECKS } = await import(new URL('posture/checks/alicloud/index.js', dist).href);
const { parse } = await import('@cdktf/hcl2json');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const total = arg('--resources', 1000);
const runs = arg('--runs', 7);
const FILES = 50;

// ---------------------------------------------------------------------------------------------
// Generators: each returns [hcl, planResource] for resource i (about a third are misconfigured).
const gens = [
  (i) => [`resource "alicloud_security_group_rule" "r${i}" {\n  type              = "ingress"\n  ip_protocol       = "tcp"\n  port_range        = "${[22, 443, 3306, 8000][i % 4]}/${[22, 443, 3306, 8100][i % 4]}"\n  cidr_ip           = "${i % 3 ? '10.0.0.0/8' : '0.0.0.0/0'}"\n  security_group_id = alicloud_security_group.sg.id\n}\n`, { type: 'alicloud_security_group_rule', values: { type: 'ingress', ip_protocol: 'tcp', port_range: `${[22, 443, 3306, 8000][i % 4]}/${[22, 443, 3306, 8100][i % 4]}`, cidr_ip: i % 3 ? '10.0.0.0/8' : '0.0.0.0/0' } }],
  (i) => [`resource "alicloud_oss_bucket" "r${i}" {\n  bucket = "bucket-${i}"\n  acl    = "${i % 5 ? 'private' : 'public-read'}"\n  versioning {\n    status = "Enabled"\n  }\n  policy = <<POLICY\n  {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["oss:GetObject"], "Principal": ["${i % 4 ? '1234567890' : '*'}"], "Resource": ["acs:oss:*:*:bucket-${i}/*"]}]}\n  POLICY\n}\n`, { type: 'alicloud_oss_bucket', values: { bucket: `bucket-${i}`, acl: i % 5 ? 'private' : 'public-read', versioning: [{ status: 'Enabled' }], policy: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Principal: [i % 4 ? '1234567890' : '*'], Resource: [`acs:oss:*:*:bucket-${i}/*`] }] }) } }],
  (i) => [`resource "alicloud_db_instance" "r${i}" {\n  engine         = "${i % 2 ? 'MySQL' : 'PostgreSQL'}"\n  engine_version = "${i % 2 ? '8.0' : '15.0'}"\n  instance_type  = "rds.mysql.s2.large"\n  security_ips   = ["10.0.0.0/8"${i % 6 ? '' : ', "0.0.0.0/0"'}]\n  ssl_action     = "Open"\n  tde_status     = "Enabled"\n  parameters {\n    name  = "log_connections"\n    value = "on"\n  }\n}\n`, { type: 'alicloud_db_instance', values: { engine: i % 2 ? 'MySQL' : 'PostgreSQL', engine_version: i % 2 ? '8.0' : '15.0', security_ips: i % 6 ? ['10.0.0.0/8'] : ['10.0.0.0/8', '0.0.0.0/0'], ssl_action: 'Open', tde_status: 'Enabled', parameters: [{ name: 'log_connections', value: 'on' }] } }],
  (i) => [`resource "alicloud_ecs_disk" "r${i}" {\n  zone_id   = "cn-hangzhou-h"\n  size      = 40\n  encrypted = ${i % 3 ? 'true' : 'false'}\n  kms_key_id = "key-${i}"\n}\n`, { type: 'alicloud_ecs_disk', values: { size: 40, encrypted: i % 3 !== 0, kms_key_id: `key-${i}` } }],
  (i) => [`resource "alicloud_vpc" "r${i}" {\n  cidr_block = "10.${i % 250}.0.0/16"\n}\n`, { type: 'alicloud_vpc', values: { cidr_block: `10.${i % 250}.0.0/16` } }],
  (i) => [`resource "alicloud_vpc_flow_log" "r${i}" {\n  resource_id    = alicloud_vpc.r${i - 1}.id\n  resource_type  = "VPC"\n  traffic_type   = "All"\n}\n`, { type: 'alicloud_vpc_flow_log', values: { resource_type: 'VPC', traffic_type: 'All' } }],
  (i) => [`resource "alicloud_kms_key" "r${i}" {\n  description        = "key ${i}"\n  status             = "Enabled"\n  automatic_rotation = "${i % 2 ? 'Enabled' : 'Disabled'}"\n  rotation_interval  = "365d"\n}\n`, { type: 'alicloud_kms_key', values: { status: 'Enabled', automatic_rotation: i % 2 ? 'Enabled' : 'Disabled', rotation_interval: '365d' } }],
  (i) => [`resource "alicloud_ram_policy" "r${i}" {\n  policy_name     = "policy-${i}"\n  policy_document = <<EOF\n  {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["${i % 4 ? 'ecs:Describe*' : 'ecs:*'}"], "Resource": ["*"]}]}\n  EOF\n}\n`, { type: 'alicloud_ram_policy', values: { policy_name: `policy-${i}`, policy_document: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: [i % 4 ? 'ecs:Describe*' : 'ecs:*'], Resource: ['*'] }] }) } }],
  (i) => [`resource "alicloud_ram_group_policy_attachment" "r${i}" {\n  policy_name = alicloud_ram_policy.r${i - 1}.policy_name\n  policy_type = "Custom"\n  group_name  = "ops"\n}\n`, { type: 'alicloud_ram_group_policy_attachment', values: { policy_name: `policy-${i - 1}`, policy_type: 'Custom', group_name: 'ops' } }],
  (i) => [`resource "alicloud_slb_listener" "r${i}" {\n  load_balancer_id = alicloud_slb_load_balancer.lb.id\n  frontend_port    = ${[443, 22, 80][i % 3]}\n  backend_port     = ${[8443, 22, 8080][i % 3]}\n  protocol         = "${['https', 'tcp', 'http'][i % 3]}"\n}\n`, { type: 'alicloud_slb_listener', values: { frontend_port: [443, 22, 80][i % 3], backend_port: [8443, 22, 8080][i % 3], protocol: ['https', 'tcp', 'http'][i % 3] } }],
  (i) => [`resource "alicloud_log_store" "r${i}" {\n  project          = "p"\n  name             = "store-${i}"\n  retention_period = ${i % 2 ? 180 : 30}\n}\n`, { type: 'alicloud_log_store', values: { project: 'p', name: `store-${i}`, retention_period: i % 2 ? 180 : 30 } }],
  (i) => [`resource "alicloud_actiontrail_trail" "r${i}" {\n  trail_name      = "trail-${i}"\n  event_rw        = "All"\n  trail_region    = "${i % 2 ? 'All' : 'cn-hangzhou'}"\n  oss_bucket_name = "bucket-1"\n}\n`, { type: 'alicloud_actiontrail_trail', values: { trail_name: `trail-${i}`, event_rw: 'All', trail_region: i % 2 ? 'All' : 'cn-hangzhou', oss_bucket_name: 'bucket-1' } }],
];

const root = mkdtempSync(join(tmpdir(), 'bw-bench-posture-'));
const tfDir = join(root, 'tf');
const planDir = join(root, 'plan');
const files = Array.from({ length: FILES }, () => []);
const planResources = [];
for (let i = 0; i < total; i++) {
  // Pairs (VPC + flow log, policy + attachment) stay in the same file and order.
  const [hcl, plan] = gens[i % gens.length](i);
  files[Math.floor((i * FILES) / total)].push(hcl);
  planResources.push({ address: `${plan.type}.r${i}`, mode: 'managed', type: plan.type, name: `r${i}`, values: plan.values });
}
const lb = 'resource "alicloud_slb_load_balancer" "lb" {\n  load_balancer_name = "web"\n}\n';
mkdirSync(tfDir);
mkdirSync(planDir);
files.forEach((chunks, k) => writeFileSync(join(tfDir, `f${String(k).padStart(2, '0')}.tf`), (k === 0 ? lb : '') + chunks.join('\n')));
writeFileSync(join(planDir, 'tfplan.json'), JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: planResources } }, resource_changes: [] }));
const bytes = readdirSync(tfDir).reduce((n, f) => n + readFileSync(join(tfDir, f)).length, 0);

const sources = readdirSync(tfDir).map((f) => [f, readFileSync(join(tfDir, f), 'utf8')]);
const parseOnly = async () => {
  let n = 0;
  for (const [f, src] of sources) {
    const json = await parse(f, src);
    for (const byName of Object.values(json.resource ?? {})) n += Object.values(byName).reduce((a, list) => a + list.length, 0);
  }
  return n;
};

// Interleaved runs (baseline, .tf scan, plan scan, repeat) so machine noise hits all three alike.
const subjects = { baseline: parseOnly, tf: () => scanIac([tfDir]), plan: () => scanIac([planDir]) };
const times = { baseline: [], tf: [], plan: [] };
const last = {};
for (let r = -1; r < runs; r++) {
  for (const [name, fn] of Object.entries(subjects)) {
    const t0 = performance.now();
    last[name] = await fn();
    if (r >= 0) times[name].push(performance.now() - t0);
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const baseline = { ms: med(times.baseline), last: last.baseline };
const tf = { ms: med(times.tf), last: last.tf };
const plan = { ms: med(times.plan), last: last.plan };
rmSync(root, { recursive: true, force: true });

const fails = (r) => r.results.filter((x) => x.status === 'fail').length;
const row = (name, ms, extra) => `${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms  ${extra}`;
console.log(`bench posture: ${total} resources (+1 load balancer) in ${FILES} .tf files (${(bytes / 1024).toFixed(0)} KiB), ${ALICLOUD_CHECKS.length} checks, median of ${runs}`);
console.log(row('baseline: hcl2json parse only', baseline.ms, `${baseline.last} resources parsed`));
console.log(row('bulwark scan iac (.tf: parse+lines+checks)', tf.ms, `${tf.last.resources} resources, ${tf.last.results.length} results, ${fails(tf.last)} findings, ${tf.last.errors.length} errors`));
console.log(row('bulwark scan iac (plan JSON)', plan.ms, `${plan.last.resources} resources, ${plan.last.results.length} results, ${fails(plan.last)} findings`));
console.log(
  JSON.stringify({
    bench: 'posture',
    resources: total,
    files: FILES,
    checks: ALICLOUD_CHECKS.length,
    baseline_hcl2json_parse_ms: Number(baseline.ms.toFixed(1)),
    tf_scan_ms: Number(tf.ms.toFixed(1)),
    plan_scan_ms: Number(plan.ms.toFixed(1)),
    tf_findings: fails(tf.last),
    plan_findings: fails(plan.last),
    tf_scan_vs_parse_only: Number((tf.ms / baseline.ms).toFixed(2)),
    tf_resources_per_s: Math.round((total / tf.ms) * 1000),
  }),
);
