import { describe, expect, it } from 'vitest';
import { htmlReport } from './html.js';
import { HOSTILE, sampleReport } from './test-support/sample-report.js';

describe('htmlReport', () => {
  const html = htmlReport(sampleReport(), new Date('2026-01-02T03:04:05Z'));

  it('is self-contained: inline CSS, no scripts, no external assets', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });

  it('escapes every value', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
  });

  it('shows the summary, findings with location and remediation, scan errors and checks', () => {
    expect(html).toContain('<b>2</b>high');
    expect(html).toContain('<b>1</b>medium');
    expect(html).toContain('infra/main.tf:14');
    expect(html).toContain('alicloud_security_group_rule.ssh');
    expect(html).toContain('resource &quot;alicloud_security_group_rule&quot; &quot;ssh&quot;');
    expect(html).toContain('Files that could not be scanned');
    expect(html).toContain('Checks run (4)');
    expect(html).toContain('2026-01-02T03:04:05.000Z');
  });
});
