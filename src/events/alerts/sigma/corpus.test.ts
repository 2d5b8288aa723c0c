import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../../core/errors.js';
import { compileWhere } from '../../query/sql.js';
import { parseSigmaRule } from './rule.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpora/sigma', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('Sigma corpus (SigmaHQ linux + web)', () => {
  it.runIf(existsSync(CORPUS))('parses every rule: compiled to SQL, or refused naming the unsupported feature', () => {
    const files = yamlFiles(CORPUS);
    expect(files.length).toBeGreaterThan(200);
    let supported = 0;
    let usesExtra = 0;
    const extraFields = new Set<string>();
    const unsupported = new Map<string, number>();
    for (const file of files) {
      try {
        const rule = parseSigmaRule(readFileSync(file, 'utf8'), relative(CORPUS, file));
        expect(compileWhere(rule.expr).sql.length).toBeGreaterThan(0);
        supported++;
        const keys = [...JSON.stringify(rule.expr).matchAll(/"kind":"extra","key":"([^"]+)"/g)].map((m) => m[1] as string);
        if (keys.length > 0) usesExtra++;
        keys.forEach((k) => extraFields.add(k));
      } catch (e) {
        if (!(e instanceof BulwarkError) || e.code !== 'Events.SigmaUnsupported') throw new Error(`${file}: ${String(e)}`);
        const feature = String(e.params.feature);
        unsupported.set(feature, (unsupported.get(feature) ?? 0) + 1);
      }
    }
    console.log(`sigma corpus: ${files.length} files, ${supported} supported, ${files.length - supported} unsupported: ${JSON.stringify(Object.fromEntries(unsupported))}; ${usesExtra} rules read fields outside the ECS mapping from extra (${[...extraFields].sort().join(', ')})`);
    expect(supported / files.length).toBeGreaterThan(0.9);
  });
  it.skipIf(existsSync(CORPUS))('corpus absent', () => {
    console.log(`notice: ${CORPUS} is absent; the Sigma corpus test is skipped`);
  });
});
