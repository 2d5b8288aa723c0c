import { describe, expect, it } from 'vitest';
import { createWaf } from '../waf.js';
import { sharedCrsDir } from './crs-corpus.js';

const crsDir = sharedCrsDir();
if (crsDir === undefined) console.warn('[waf] ../shared/corpora/crs is absent: skipping the CRS ReDoS regression test');

/**
 * Inputs that make backtracking engines explode on CRS 941160 and 942251 (V8 needs minutes at 1 KB):
 * long runs of non-word characters that almost, but never, complete a match. With RE2 each must be
 * linear; the bound below is deliberately generous (this is a regression guard, not a benchmark —
 * bench/waf reports the measured figures).
 */
const WORST_CASES: Record<number, (n: number) => string> = {
  941160: (n) => `<${'!'.repeat(n - 1)}`,
  942251: (n) => '!'.repeat(n),
};

let engine: ReturnType<typeof createWaf> | undefined;

describe.skipIf(crsDir === undefined)('ReDoS regression (CRS 941160, 942251)', () => {
  it.each([[941160, 8192], [941160, 65536], [942251, 8192], [942251, 65536]])('rule %i on a %i-byte worst case finishes quickly', async (ruleId, size) => {
    engine ??= createWaf({ crsDir: crsDir as string, paranoia: 4, mode: 'detect', requestBodyLimit: 1 << 20 });
    const waf = await engine;
    const rule = waf.rules.find((r) => r.id === ruleId);
    expect(rule?.operatorName).toBe('rx');
    const payload = (WORST_CASES[ruleId] as (n: number) => string)(size);
    const tx = waf.newTransaction();
    tx.processRequestHeaders({ method: 'POST', uri: '/', protocol: 'HTTP/1.1', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['Host', 'localhost']] });
    const started = process.hrtime.bigint();
    tx.processRequestBody(`a=${encodeURIComponent(payload)}`);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(tx.matchedRules().some((m) => m.id === ruleId)).toBe(false);
    expect(elapsedMs).toBeLessThan(5000);
  }, 30_000);
});
