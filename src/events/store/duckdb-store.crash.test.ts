import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../query/parser.js';
import { DuckDbEventStore } from './duckdb-store.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BUILT = join(ROOT, 'dist/events/store/duckdb-store.js');
const BUILT_NORMALIZE = join(ROOT, 'dist/events/normalize.js');
const BATCH = 500;

/** The child appends batches forever, printing "acked N" after each durable append. */
const CHILD = (storeUrl: string, normalizeUrl: string, path: string) => `
import { DuckDbEventStore } from ${JSON.stringify(storeUrl)};
import { normalizeEvent } from ${JSON.stringify(normalizeUrl)};
const store = await DuckDbEventStore.open({ path: ${JSON.stringify(path)} });
for (let n = 1; ; n++) {
  const batch = [];
  for (let i = 0; i < ${BATCH}; i++) {
    const r = normalizeEvent({ message: 'batch ' + n, event: { id: n + '-' + i, sequence: n }, source: { ip: '10.0.' + (n % 250) + '.' + (i % 250) } }, i, Date.now());
    batch.push(r.event);
  }
  await store.append(batch);
  process.stdout.write('acked ' + n + '\\n');
}
`;

describe('DuckDB store durability', () => {
  it('keeps every acknowledged batch, whole, after kill -9 in the middle of writes', async () => {
    if (!existsSync(BUILT)) throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
    const dir = mkdtempSync(join(tmpdir(), 'bw-events-crash-'));
    const db = join(dir, 'events.duckdb');
    const script = join(dir, 'child.mjs');
    writeFileSync(script, CHILD(pathToFileURL(BUILT).href, pathToFileURL(BUILT_NORMALIZE).href, db));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const all = [...buffered.matchAll(/acked (\d+)/g)];
        if (all.length) acked = Number(all[all.length - 1]![1]);
        // kill while the next batch is being written
        if (acked >= 4) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() => (acked >= 4 ? resolve() : reject(new Error(`child exited early: ${stderr}`))));
    });
    expect(await exited).toBe('SIGKILL');

    const store = await DuckDbEventStore.open({ path: db });
    try {
      const r = await store.search({ query: parseQuery(''), size: 0, aggregations: [{ kind: 'terms', field: { kind: 'extra', key: 'event.sequence' }, size: 1000 }] });
      // every acknowledged batch is there, and no batch is there in part
      expect(r.total).toBeGreaterThanOrEqual(acked * BATCH);
      expect(r.total % BATCH).toBe(0);
      const sizes = (r.aggregations[0] as unknown as { buckets: Array<{ key: string; count: number }> }).buckets;
      expect(sizes.every((b) => b.count === BATCH)).toBe(true);
      for (let n = 1; n <= acked; n++) expect(sizes.some((b) => b.key === String(n))).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
