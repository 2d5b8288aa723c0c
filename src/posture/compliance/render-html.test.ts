import { describe, expect, it } from 'vitest';
import { renderComplianceHtml } from './render-html.js';
import { sampleComplianceReport } from './test-support/sample.js';

describe('compliance HTML', () => {
  it('is one self-contained page with every requirement, its status, and the findings', () => {
    const report = sampleComplianceReport();
    const page = renderComplianceHtml(report);
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|<link|src="http|href="http/);
    for (const r of report.requirements) expect(page).toContain(`id="req-${r.id}"`);
    expect(page).toContain('<span class="status fail">Failed</span>');
    expect(page).toContain('<span class="status manual">Manual</span>');
    expect(page).toContain('aliyun ram SetPasswordPolicy');
    expect(page).toContain(`Findings (${report.findings.length})`);
  });

  it('escapes every value taken from the state or the Terraform', () => {
    const page = renderComplianceHtml(sampleComplianceReport());
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
