import { describe, expect, it } from 'vitest';
import { sharedCrsDir } from './crs-corpus.js';
import { runCrsRegression } from './ftw-runner.js';

const crsDir = sharedCrsDir();
if (crsDir === undefined) console.warn('[waf] ../shared/corpora/crs is absent: skipping the CRS regression suite');

/** The pass rate this engine reaches on CRS v4.28.0 (see docs/waf-crs-deviations.md for the rest). */
const MIN_PASS_RATE = 0.9978;

/** Rule files whose every test passes; a regression in any of them fails this suite. */
const ALL_GREEN = [
  'REQUEST-911-METHOD-ENFORCEMENT', 'REQUEST-913-SCANNER-DETECTION', 'REQUEST-920-PROTOCOL-ENFORCEMENT', 'REQUEST-921-PROTOCOL-ATTACK',
  'REQUEST-922-MULTIPART-ATTACK', 'REQUEST-930-APPLICATION-ATTACK-LFI', 'REQUEST-931-APPLICATION-ATTACK-RFI',
  'REQUEST-932-APPLICATION-ATTACK-RCE', 'REQUEST-933-APPLICATION-ATTACK-PHP', 'REQUEST-934-APPLICATION-ATTACK-GENERIC',
  'REQUEST-943-APPLICATION-ATTACK-SESSION-FIXATION', 'REQUEST-944-APPLICATION-ATTACK-JAVA', 'REQUEST-949-BLOCKING-EVALUATION',
  'REQUEST-999-COMMON-EXCEPTIONS-AFTER', 'RESPONSE-950-DATA-LEAKAGES', 'RESPONSE-951-DATA-LEAKAGES-SQL', 'RESPONSE-952-DATA-LEAKAGES-JAVA',
  'RESPONSE-953-DATA-LEAKAGES-PHP', 'RESPONSE-954-DATA-LEAKAGES-IIS', 'RESPONSE-955-WEB-SHELLS', 'RESPONSE-956-DATA-LEAKAGES-RUBY',
  'RESPONSE-959-BLOCKING-EVALUATION', 'RESPONSE-980-CORRELATION',
];

describe.skipIf(crsDir === undefined)('CRS v4 regression suite (in-process, DetectionOnly, PL4)', () => {
  it(`passes at least ${MIN_PASS_RATE * 100}% of the go-ftw tests and every test of the all-green rule files`, async () => {
    const report = await runCrsRegression(crsDir as string);
    expect(report.totals.tests).toBeGreaterThanOrEqual(5000);
    const failing = report.results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.reason ?? ''}`);
    expect(report.totals.passRate, failing.join('\n')).toBeGreaterThanOrEqual(MIN_PASS_RATE);
    for (const file of ALL_GREEN) {
      expect(report.files[file]?.failed, `${file}: ${report.files[file]?.failing.join(', ') ?? 'missing'}`).toBe(0);
      expect(report.files[file]?.passed ?? 0).toBeGreaterThan(0);
    }
  }, 180_000);
});
