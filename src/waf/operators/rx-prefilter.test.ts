import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { sharedCrsDir } from '../crs/crs-corpus.js';
import { createWaf } from '../waf.js';
import { PREFILTER_MAX_INPUT, requiredLiterals, rxPrefilter } from './rx-prefilter.js';
import { translatePcre } from './rx-translate.js';

describe('requiredLiterals', () => {
  it.each([
    ['abc', ['abc'], false],
    ['union select', ['union select'], false],
    ['(?i)union\\s+select', ['select'], true],
    ['foo|bar', ['foo', 'bar'], false],
    ['(?:foo|bar)baz', ['baz'], false],
    ['(?:foo|bar)x', ['foo', 'bar'], false],
    ['ab+c', ['ab'], false],
    ['a\\.php', ['a.php'], false],
    ['\\x41\\x42', ['AB'], false],
    ['(?i:select)', ['select'], true],
    ['x{2}yz', ['yz'], false],
    ['{abc}', ['{abc}'], false],
    ['a{,3}', ['a{,3}'], false],
    // small bracket expressions are sets of one-character literals
    ['(?:[;\\n|]|&&)\\d', [';', '\n', '|', '&&'], false],
    ['[.]php', ['.php'], false],
    ['\\d[\\x5c/]\\d', ['\\', '/'], false],
    ['[a-c]+', ['a', 'b', 'c'], false],
    ['(?i)[A-C]\\d', ['a', 'b', 'c'], true],
  ])('%s requires one of %j', (pattern, literals, ci) => {
    expect(requiredLiterals(pattern)).toEqual({ literals, caseInsensitive: ci });
  });

  it.each([
    ['optional only', 'a?b*c{0,2}'],
    ['an empty branch', 'abc|'],
    ['a branch without literals', 'abc|\\d+'],
    ['classes and dots', '[a-z]+.\\w'],
    ['negated and wide classes', '[^a]|[a-m]|[\\w;]'],
    ['look-ahead (not RE2)', 'a(?=b)'],
    ['back-references and octal', '(a)\\1'],
    ['quoted text', '\\Qa.b\\E'],
    ['non-ASCII characters only', '\\x{e9}\\xff'],
    ['an unbalanced group', 'a)b'],
  ])('gives no prefilter for %s', (_what, pattern) => {
    expect(requiredLiterals(pattern)).toBeUndefined();
  });

  it('folds case as RE2 does (ſ is an s, K a k) for case-insensitive patterns', () => {
    const pre = rxPrefilter('(?i)script') as (s: string) => boolean;
    expect(pre('<SCRIPT>')).toBe(true);
    expect(pre('\u017fcript')).toBe(new RE2('(?i)script').test('\u017fcript'));
    expect(pre('<b>')).toBe(false);
  });

  it('lets inputs longer than its bound through to the regular expression', () => {
    const pre = rxPrefilter('needle') as (s: string) => boolean;
    expect(pre('x'.repeat(100))).toBe(false);
    expect(pre('x'.repeat(PREFILTER_MAX_INPUT + 1))).toBe(true);
  });
});

const crsDir = sharedCrsDir();
if (crsDir === undefined) console.warn('[waf] ../shared/corpora/crs is absent: skipping the CRS prefilter soundness test');

/** Strings from the CRS regression tests (URIs, bodies, header values), raw and percent-decoded. */
function crsInputs(dir: string): string[] {
  const out = new Set<string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.yaml')) {
        for (const m of readFileSync(join(d, e.name), 'latin1').matchAll(/^\s*(?:uri|data|User-Agent|Cookie|Referer|Content-Type):\s*['"]?(.+?)['"]?\s*$/gm)) {
          const v = m[1] as string;
          out.add(v);
          try {
            out.add(decodeURIComponent(v.replace(/\+/g, ' ')));
          } catch {
            /* not valid percent-encoding: the raw string is enough */
          }
        }
      }
    }
  };
  walk(join(dir, 'tests', 'regression', 'tests'));
  return [...out];
}

describe.skipIf(crsDir === undefined)('rx prefilter on the CRS', () => {
  it('never rejects an input that a CRS pattern matches, and prefilters most patterns', async () => {
    const waf = await createWaf({ crsDir: crsDir as string, paranoia: 4, mode: 'detect' });
    const inputs = crsInputs(crsDir as string);
    expect(inputs.length).toBeGreaterThan(2000);
    let patterns = 0;
    let prefiltered = 0;
    let skipped = 0;
    const missed: string[] = [];
    for (const rule of waf.rules) {
      for (let link: typeof rule | undefined = rule; link !== undefined; link = link.chain) {
        if (link.operatorName !== 'rx' || link.operatorParam.includes('%{')) continue;
        patterns++;
        const source = translatePcre(link.operatorParam);
        const pre = rxPrefilter(source);
        if (pre === undefined) continue;
        prefiltered++;
        const re = new RE2(source, 'sm');
        for (const input of inputs) {
          const variants = [input, input.toLowerCase(), input.toUpperCase()];
          for (const v of variants) {
            if (pre(v)) continue;
            skipped++;
            if (re.test(v)) missed.push(`${rule.id}: ${JSON.stringify(v.slice(0, 80))}`);
          }
        }
      }
    }
    expect(missed).toEqual([]);
    expect(prefiltered / patterns).toBeGreaterThan(0.7);
    expect(skipped).toBeGreaterThan(0);
  }, 120_000);
});
