import { describe, expect, it } from 'vitest';
import { renderComplianceSarif } from './render-sarif.js';
import { HOSTILE, sampleComplianceReport } from './test-support/sample.js';

describe('renderComplianceSarif', () => {
  it('lists every failed resource as a result of its check, with the requirements it evidences', () => {
    const report = sampleComplianceReport('cis-alibaba-2.0');
    expect(report.findings.length).toBeGreaterThan(1);
    const doc = renderComplianceSarif(report, '9.9.9') as { version: string; runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { region?: { startLine: number } } }>; properties: { requirements: string[] } }>; properties: { framework: { id: string }; summary: { score: number | null } } }> };
    expect(doc.version).toBe('2.1.0');
    const run = doc.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'bulwark-posture', version: '9.9.9' });
    expect(run.results).toHaveLength(report.findings.length);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const oss = run.results.find((r) => r.ruleId === 'BWK-OSS-010')!;
    expect(oss.message.text).toBe(`${HOSTILE.resource.id}: ${HOSTILE.message}`);
    expect(oss.locations[0]!.physicalLocation.region).toEqual({ startLine: 4 });
    expect(oss.properties.requirements).toEqual(report.findings.find((f) => f.checkId === 'BWK-OSS-010')!.requirements);
    expect(oss.properties.requirements.length).toBeGreaterThan(0);
    expect(run.properties).toMatchObject({ framework: { id: 'cis-alibaba-2.0' }, summary: { score: report.summary.score } });
  });
});
