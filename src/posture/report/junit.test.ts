import { describe, expect, it } from 'vitest';
import { parseXmlBody } from '../../waf/bodies/xml.js';
import { junitReport } from './junit.js';
import { HOSTILE, sampleReport } from './test-support/sample-report.js';

describe('junitReport', () => {
  const xml = junitReport(sampleReport());

  it('is well-formed XML with hostile text escaped', () => {
    const parsed = parseXmlBody(xml);
    expect(parsed.error).toBeUndefined();
    expect(parsed.attributes.some((a) => a.includes(HOSTILE))).toBe(true);
    expect(xml).not.toContain('<script>');
  });

  it('one suite per check, one case per result; failures, skips and scan errors counted', () => {
    expect(xml).toMatch(/<testsuites name="bulwark-iac" tests="6" failures="3" errors="1" skipped="1">/);
    expect(xml.match(/<testsuite /g)).toHaveLength(5);
    expect(xml).toContain('<testsuite name="BWK-VPC-001 VPC has no flow log" tests="0" failures="0" errors="0" skipped="0">');
    expect(xml).toMatch(/<testcase classname="BWK-ECS-002" name="alicloud_security_group_rule.ssh" file="infra\/main.tf" line="14">\s*<failure type="high"/);
    expect(xml).toMatch(/<skipped message="part of the rule is only known at apply time"\/>/);
    expect(xml).toMatch(/<error type="Posture.InvalidTerraform"/);
  });
});
