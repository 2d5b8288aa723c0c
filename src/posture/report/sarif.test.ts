import { describe, expect, it } from 'vitest';
import { sarifReport } from './sarif.js';
import { sampleReport } from './test-support/sample-report.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Structural validation against the SARIF 2.1.0 schema's required properties and value
 * constraints (sarifLog, run, tool, toolComponent, reportingDescriptor, result, location,
 * region, invocation, notification, message), plus what GitHub code scanning reads.
 */
function sarifProblems(doc: unknown): string[] {
  const p: string[] = [];
  const req = (o: unknown, key: string, where: string): unknown => {
    if (!isObj(o) || !(key in o)) p.push(`${where}.${key} is required`);
    return isObj(o) ? o[key] : undefined;
  };
  const message = (m: unknown, where: string): void => {
    if (!isObj(m) || (typeof m.text !== 'string' && typeof m.id !== 'string')) p.push(`${where} needs text or id`);
  };
  const multiformat = (m: unknown, where: string): void => {
    if (m !== undefined && (!isObj(m) || typeof m.text !== 'string')) p.push(`${where}.text is required`);
  };
  if (req(doc, 'version', 'sarifLog') !== '2.1.0') p.push('version must be "2.1.0"');
  const runs = req(doc, 'runs', 'sarifLog');
  if (!Array.isArray(runs)) return [...p, 'runs must be an array'];
  runs.forEach((run, ri) => {
    const driver = req(req(run, 'tool', `runs[${ri}]`), 'driver', `runs[${ri}].tool`);
    if (typeof req(driver, 'name', 'driver') !== 'string') p.push('driver.name must be a string');
    const rules = isObj(driver) ? driver.rules : undefined;
    const ids = new Set<string>();
    (Array.isArray(rules) ? rules : []).forEach((rule, i) => {
      const w = `rules[${i}]`;
      const id = req(rule, 'id', w);
      if (typeof id !== 'string') p.push(`${w}.id must be a string`);
      else ids.add(id);
      if (!isObj(rule)) return;
      multiformat(rule.shortDescription, `${w}.shortDescription`);
      multiformat(rule.fullDescription, `${w}.fullDescription`);
      multiformat(rule.help, `${w}.help`);
      const level = isObj(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      if (level !== undefined && !['none', 'note', 'warning', 'error'].includes(String(level))) p.push(`${w} bad level`);
      const props = rule.properties;
      if (!isObj(props)) p.push(`${w}.properties missing`);
      else {
        const s = props['security-severity'];
        if (typeof s !== 'string' || !/^\d+(\.\d+)?$/.test(s) || Number(s) > 10) p.push(`${w} security-severity must be a numeric string 0-10`);
        if (!Array.isArray(props.tags) || !props.tags.every((t) => typeof t === 'string')) p.push(`${w}.properties.tags must be strings`);
      }
    });
    const results = isObj(run) ? run.results : undefined;
    if (!Array.isArray(results)) p.push('results must be an array');
    (Array.isArray(results) ? results : []).forEach((r, i) => {
      const w = `results[${i}]`;
      message(req(r, 'message', w), `${w}.message`);
      if (!isObj(r)) return;
      if (typeof r.ruleId !== 'string' || !ids.has(r.ruleId)) p.push(`${w}.ruleId must name a rule`);
      if (r.ruleIndex !== undefined && (!Array.isArray(rules) || (rules[r.ruleIndex as number] as Obj | undefined)?.id !== r.ruleId)) p.push(`${w}.ruleIndex does not match`);
      if (!['none', 'note', 'warning', 'error'].includes(String(r.level))) p.push(`${w}.level invalid`);
      if (!isObj(r.partialFingerprints) || !Object.values(r.partialFingerprints).every((v) => typeof v === 'string')) p.push(`${w}.partialFingerprints must map to strings`);
      if (!Array.isArray(r.locations) || r.locations.length === 0) p.push(`${w}.locations missing`);
      (Array.isArray(r.locations) ? r.locations : []).forEach((loc: unknown) => {
        const phys = isObj(loc) ? loc.physicalLocation : undefined;
        const uri = isObj(phys) && isObj(phys.artifactLocation) ? phys.artifactLocation.uri : undefined;
        if (typeof uri !== 'string' || /^[a-z]+:|^\//i.test(uri)) p.push(`${w} artifactLocation.uri must be relative`);
        const region = isObj(phys) ? phys.region : undefined;
        if (region !== undefined && (!isObj(region) || !Number.isInteger(region.startLine) || (region.startLine as number) < 1)) p.push(`${w} region.startLine must be an integer ≥ 1`);
      });
    });
    const invocations = isObj(run) ? run.invocations : undefined;
    (Array.isArray(invocations) ? invocations : []).forEach((inv, i) => {
      if (typeof req(inv, 'executionSuccessful', `invocations[${i}]`) !== 'boolean') p.push('executionSuccessful must be boolean');
      const notes = isObj(inv) ? inv.toolExecutionNotifications : undefined;
      (Array.isArray(notes) ? notes : []).forEach((n, k) => message(req(n, 'message', `notifications[${k}]`), `notifications[${k}].message`));
    });
  });
  return p;
}

describe('sarifReport', () => {
  const doc = sarifReport(sampleReport());

  it('is structurally valid SARIF 2.1.0', () => {
    expect(sarifProblems(doc)).toEqual([]);
  });

  it('the validator catches what it should', () => {
    expect(sarifProblems({ version: '2.0', runs: [{ tool: { driver: {} }, results: [{ level: 'bad' }] }] }).length).toBeGreaterThan(3);
  });

  it('carries rules with security-severity, results with relative file and line, fingerprints, scan errors', () => {
    const run = (doc.runs as Obj[])[0]! as { tool: { driver: { rules: Obj[] } }; results: Obj[]; invocations: Obj[] };
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['BWK-ECS-002', 'BWK-OSS-010', 'BWK-RAM-001', 'BWK-VPC-001']);
    expect(run.tool.driver.rules[0]).toMatchObject({ properties: { 'security-severity': '8.0' }, defaultConfiguration: { level: 'error' } });
    expect(run.results).toHaveLength(3);
    expect(run.results[0]).toMatchObject({ ruleId: 'BWK-ECS-002', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'infra/main.tf' }, region: { startLine: 14 } } }] });
    const ram = run.results.find((r) => r.ruleId === 'BWK-RAM-001') as { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> };
    expect(ram.locations[0]!.physicalLocation.artifactLocation.uri).toBe('infra/ram%20policy.tf');
    const plan = run.results.find((r) => r.ruleId === 'BWK-OSS-010') as { locations: Array<{ physicalLocation: Obj }> };
    expect(plan.locations[0]!.physicalLocation).not.toHaveProperty('region');
    const fps = run.results.map((r) => Object.values(r.partialFingerprints as Obj)[0]);
    expect(new Set(fps).size).toBe(3);
    expect((run.invocations[0]!.toolExecutionNotifications as Obj[])[0]).toMatchObject({ descriptor: { id: 'Posture.InvalidTerraform' } });
  });

  it('fingerprints survive line moves', () => {
    const input = sampleReport();
    const moved = { ...input, results: input.results.map((r) => ({ ...r, resource: { ...r.resource, line: (r.resource.line ?? 0) + 5 } })) };
    const fp = (d: Obj) => ((d.runs as Obj[])[0]!.results as Obj[]).map((r) => r.partialFingerprints);
    expect(fp(sarifReport(moved))).toEqual(fp(doc));
  });
});
