import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDir } from './support.js';

beforeAll(() => assertBuilt());

describe('bulwark scan iac (built binary)', () => {
  const dir = tempDir('bw-e2e-iac-');
  writeFileSync(join(dir, 'sg.tf'), 'resource "alicloud_security_group_rule" "ssh" {\n  type        = "ingress"\n  ip_protocol = "tcp"\n  port_range  = "22/22"\n  cidr_ip     = "0.0.0.0/0"\n}\n');
  writeFileSync(join(dir, 'broken.tf'), 'resource "alicloud_vpc" "v" {\n  cidr_block =\n');

  it('SARIF on stdout, the malformed file reported on stderr, exit 1 at --fail-on high and 0 at critical', () => {
    const high = runCli(['scan', 'iac', dir, '--format', 'sarif', '--fail-on', 'high']);
    expect(high.status, high.stderr).toBe(1);
    const sarif = JSON.parse(high.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.find((r) => r.ruleId === 'BWK-ECS-002')!.locations[0]!.physicalLocation.region.startLine).toBe(4);
    expect(high.stderr).toContain('Posture.InvalidTerraform');
    expect(high.stderr).toContain('broken.tf');
    expect(runCli(['scan', 'iac', dir, '--fail-on', 'critical']).status).toBe(0);
  });
});
