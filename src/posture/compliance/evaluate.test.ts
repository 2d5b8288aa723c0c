import { describe, expect, it } from 'vitest';
import type { CheckMeta, CheckResult } from '../check.js';
import { parseFramework } from '../frameworks/registry.js';
import { evaluateFramework, MAX_EVIDENCE_PER_REQUIREMENT, summarise } from './evaluate.js';

const meta = (id: string, source: 'platform' | 'iac' = 'platform'): CheckMeta => ({ id, title: `title of ${id}`, severity: 'high', source, resourceTypes: ['x'], rationale: 'r', remediation: { console: 'fix it' } });
const res = (checkId: string, status: CheckResult['status'], n = 1): CheckResult[] =>
  Array.from({ length: n }, (_, i) => ({ checkId, status, resource: { id: `r/${checkId}/${status}/${i}`, type: 'x' }, message: `${checkId} ${status}`, evidence: { i } }));

const framework = parseFramework({
  id: 'pci-dss-4.0',
  name: 'Test',
  version: '1',
  publisher: 'p',
  description: 'd',
  requirements: [
    { id: 'A', section: 's', title: 'manual one', checks: [] },
    { id: 'B', section: 's', title: 'passing', checks: ['BWK-T-001'] },
    { id: 'C', section: 's', title: 'one of two fails', checks: ['BWK-T-001', 'BWK-T-002'] },
    { id: 'D', section: 's', title: 'nothing to check', checks: ['BWK-T-003'] },
    { id: 'E', section: 's', title: 'IaC only, not scanned', checks: ['BWK-I-001'] },
  ],
});
const CHECKS = [meta('BWK-T-001'), meta('BWK-T-002'), meta('BWK-T-003'), meta('BWK-I-001', 'iac')];

function run(results: CheckResult[], iac = false) {
  return evaluateFramework({ framework, checks: CHECKS, results, evaluated: { platform: true, iac }, accountId: '1', generatedAt: 't', sources: { platform: { evaluated: true, unavailable: {} }, iac: { evaluated: iac, paths: [] } } });
}

describe('framework evaluation', () => {
  it('takes the worst outcome per requirement and never passes a manual one', () => {
    const report = run([...res('BWK-T-001', 'pass', 2), ...res('BWK-T-002', 'fail'), ...res('BWK-T-002', 'pass'), ...res('BWK-T-003', 'not_applicable')]);
    expect(Object.fromEntries(report.requirements.map((r) => [r.id, r.status]))).toEqual({ A: 'manual', B: 'passed', C: 'failed', D: 'not_applicable', E: 'not_applicable' });
    expect(report.requirements[2]).toMatchObject({ reason: 'failed: BWK-T-002 (1 resource)', checks: [{ id: 'BWK-T-001', status: 'pass', counts: { pass: 2, fail: 0, not_applicable: 0 } }, { id: 'BWK-T-002', status: 'fail' }] });
    expect(report.requirements[2]?.evidence[0]?.status).toBe('fail');
    expect(report.requirements[4]).toMatchObject({ reason: 'not evaluated: no IaC scanned (--iac PATH)', checks: [{ status: 'not_run' }] });
    expect(report.summary).toEqual({ requirements: 5, passed: 1, failed: 1, manual: 1, notApplicable: 2, automated: 4, score: 50, coverage: 80 });
  });

  it('keeps a manual requirement manual whatever the results', () => {
    const report = run([...res('BWK-T-001', 'pass'), ...res('BWK-T-002', 'pass'), ...res('BWK-T-003', 'pass'), ...res('BWK-I-001', 'pass')], true);
    expect(report.requirements.map((r) => r.status)).toEqual(['manual', 'passed', 'passed', 'passed', 'passed']);
    expect(report.summary.score).toBe(100);
  });

  it('lists failures as findings with remediation and the requirements they break', () => {
    const report = run([...res('BWK-T-002', 'fail'), ...res('BWK-T-001', 'pass')]);
    expect(report.findings).toEqual([{ checkId: 'BWK-T-002', title: 'title of BWK-T-002', severity: 'high', resource: { id: 'r/BWK-T-002/fail/0', type: 'x' }, message: 'BWK-T-002 fail', evidence: { i: 0 }, remediation: { console: 'fix it' }, requirements: ['C'] }]);
  });

  it('caps evidence per requirement and counts the rest', () => {
    const report = run(res('BWK-T-001', 'pass', MAX_EVIDENCE_PER_REQUIREMENT + 5));
    expect(report.requirements[1]).toMatchObject({ evidenceOmitted: 5 });
    expect(report.requirements[1]?.evidence).toHaveLength(MAX_EVIDENCE_PER_REQUIREMENT);
  });

  it('has no score when nothing was assessed automatically', () => {
    expect(summarise([]).score).toBeNull();
    expect(run([]).summary).toMatchObject({ passed: 0, failed: 0, score: null });
  });
});
