import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../compliance/catalogue.js';
import { CIS_ALIBABA_2_0 } from './cis-alibaba-2.0.js';
import { FRAMEWORK_IDS } from './framework.js';
import { FRAMEWORKS, frameworkById, mappingsFor, parseFramework } from './registry.js';

const known = new Set(ALL_CHECKS.map((c) => c.id));
const byId = (id: string) => FRAMEWORKS.find((f) => f.id === id)!;

describe('framework data', () => {
  it('has the four frameworks, every one validated', () => {
    expect(FRAMEWORKS.map((f) => f.id)).toEqual([...FRAMEWORK_IDS]);
  });

  it('draws on a catalogue of unique check ids (platform 1NN, IaC 0NN)', () => {
    expect(known.size).toBe(ALL_CHECKS.length);
    for (const c of ALL_CHECKS) expect(c.id).toMatch(c.source === 'platform' ? /^BWK-[A-Z]+-1\d\d$/ : /^BWK-[A-Z]+-0\d\d$/);
  });

  it('maps only checks that exist', () => {
    const unknown = FRAMEWORKS.flatMap((f) => f.requirements.flatMap((r) => r.checks.filter((c) => !known.has(c)).map((c) => `${f.id} ${r.id}: ${c}`)));
    expect(unknown).toEqual([]);
  });

  it('lists the 85 CIS Alibaba v2.0 recommendations with the published titles', () => {
    const cis = byId('cis-alibaba-2.0');
    expect(cis.requirements).toHaveLength(85);
    expect(cis.requirements.filter((r) => r.section.startsWith('1.'))).toHaveLength(16);
    const reference = new URL('../../../../shared/reference/cis-alibaba-v2-titles.txt', import.meta.url);
    if (!existsSync(reference)) {
      console.warn('[bulwark tests] ../shared/reference/cis-alibaba-v2-titles.txt absent: CIS titles not compared');
      return;
    }
    const titles = new Map(
      readFileSync(reference, 'utf8')
        .split('\n')
        .map((l) => /^(\d+\.\d+) \| [^|]+ \| [^|]+ \| [^|]+ \| (.+?) \|/.exec(l))
        .filter((m) => m !== null)
        .map((m) => [m[1]!, m[2]!]),
    );
    expect(titles.size).toBe(85);
    for (const r of cis.requirements) expect(r.title, r.id).toBe(titles.get(r.id));
  });

  it('lists all 93 ISO/IEC 27001:2022 Annex A controls (37 organizational, 8 people, 14 physical, 34 technological)', () => {
    const iso = byId('iso27001-2022');
    expect(iso.requirements).toHaveLength(93);
    const per = (major: string) => iso.requirements.filter((r) => r.id.startsWith(`${major}.`)).length;
    expect([per('5'), per('6'), per('7'), per('8')]).toEqual([37, 8, 14, 34]);
  });

  it('covers PCI DSS requirements 1–12 and the MLPS level-3 areas', () => {
    const pci = byId('pci-dss-4.0');
    expect(new Set(pci.requirements.map((r) => r.id.split('.')[0]))).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']));
    const mlps = byId('mlps2-l3');
    const names = new Set(mlps.requirements.map((r) => r.nameZh));
    for (const n of ['身份鉴别', '访问控制', '安全审计', '入侵防范', '恶意代码防范', '数据完整性', '数据保密性', '数据备份恢复']) expect(names).toContain(n);
  });

  it('maps every platform check to at least one framework', () => {
    const unmapped = ALL_CHECKS.filter((c) => c.source === 'platform' && mappingsFor(c.id).length === 0).map((c) => c.id);
    expect(unmapped).toEqual([]);
  });
});

describe('registry', () => {
  it('derives a check\'s mappings from the framework files', () => {
    expect(mappingsFor('BWK-RAM-101')).toEqual(
      expect.arrayContaining([
        { framework: 'cis-alibaba-2.0', requirement: '1.2', title: 'Ensure no root account access key exists' },
        expect.objectContaining({ framework: 'iso27001-2022', requirement: '8.2' }),
        expect.objectContaining({ framework: 'pci-dss-4.0', requirement: '2.2.2' }),
        expect.objectContaining({ framework: 'mlps2-l3', requirement: '8.1.4.2 b)' }),
      ]),
    );
    expect(mappingsFor('BWK-NOPE-999')).toEqual([]);
  });

  it('rejects unknown frameworks and invalid data with coded errors', () => {
    expect(() => frameworkById('sox')).toThrow(expect.objectContaining({ code: 'Posture.UnknownFramework' }));
    const duplicated = { ...CIS_ALIBABA_2_0, requirements: [...CIS_ALIBABA_2_0.requirements, CIS_ALIBABA_2_0.requirements[0]!] };
    expect(() => parseFramework(duplicated)).toThrow(expect.objectContaining({ code: 'Posture.InvalidFramework' }));
    const badId = { ...CIS_ALIBABA_2_0, requirements: [{ id: 'x', title: 't', section: 's', checks: ['ram-101'] }] };
    expect(() => parseFramework(badId)).toThrow(expect.objectContaining({ code: 'Posture.InvalidFramework' }));
  });
});
