import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scanIac } from '../../iac/scan.js';
import { ALICLOUD_CHECKS } from './index.js';
import { KICS_MAP, KICS_UNMAPPED } from './kics-map.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpora/kics-alicloud/', import.meta.url));
const present = existsSync(CORPUS);
if (!present) process.stdout.write(`notice: ${CORPUS} absent, KICS conformance skipped\n`);

const Expected = z.array(z.object({ line: z.number(), fileName: z.string() }));

/** Findings of the mapped checks in one file, as sorted lines. */
async function failLines(file: string, checkIds: readonly string[]): Promise<number[]> {
  const checks = ALICLOUD_CHECKS.filter((c) => checkIds.includes(c.id));
  const result = await scanIac([file], { checks });
  expect(result.errors).toEqual([]);
  return result.results.filter((r) => r.status === 'fail').map((r) => r.resource.line ?? 0).sort((a, b) => a - b);
}

describe.runIf(present)('KICS Alibaba Cloud conformance', () => {
  const queries = present ? readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];

  it('maps every KICS query to existing checks, or says why not', () => {
    const ids = new Set(ALICLOUD_CHECKS.map((c) => c.id));
    expect(queries).toHaveLength(56);
    for (const q of queries) {
      const checks = KICS_MAP[q] ?? KICS_UNMAPPED[q]?.checks;
      expect(checks, q).toBeDefined();
      for (const id of checks!) expect(ids.has(id), `${q} → ${id}`).toBe(true);
    }
  });

  it('yields KICS\'s findings (same lines) on every positive fixture and none on negatives', async () => {
    let files = 0;
    let agreeing = 0;
    const disagreements: string[] = [];
    const mapped = queries.filter((q) => KICS_MAP[q]);
    for (const q of mapped) {
      const dir = `${CORPUS}${q}/test/`;
      const expected = Expected.parse(JSON.parse(readFileSync(`${dir}positive_expected_result.json`, 'utf8')));
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.tf')).sort()) {
        const want = name.startsWith('positive') ? expected.filter((e) => e.fileName === name).map((e) => e.line).sort((a, b) => a - b) : [];
        const got = await failLines(`${dir}${name}`, KICS_MAP[q]!);
        files++;
        if (JSON.stringify(got) === JSON.stringify(want)) agreeing++;
        else disagreements.push(`${q}/${name}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
      }
    }
    process.stdout.write(`KICS conformance: ${mapped.length}/${queries.length} queries mapped; ${agreeing}/${files} fixture files agree (${((100 * agreeing) / files).toFixed(1)} %)\n`);
    expect(disagreements).toEqual([]);
    expect(mapped.length).toBeGreaterThanOrEqual(50);
  });
});
