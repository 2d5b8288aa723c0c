import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NdjsonAccessLog, pipeSizedPieces } from './access-log.js';

describe('NdjsonAccessLog', () => {
  it('writes batched NDJSON lines to its file and tells subscribers', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulwark-log-')), 'access.ndjson');
    const log = new NdjsonAccessLog({ file, stdout: false });
    const seen: unknown[] = [];
    log.subscribe((e) => seen.push(e));
    log.write({ a: 1 });
    log.write({ b: 'x' });
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":"x"}\n');
    expect(seen).toEqual([{ a: 1 }, { b: 'x' }]);
    expect(new NdjsonAccessLog({ stdout: false }).active).toBe(false);
  });

  it('keeps a broken log file from crashing the gateway', async () => {
    const log = new NdjsonAccessLog({ file: '/nonexistent-dir/x/access.ndjson', stdout: false });
    log.write({ a: 1 });
    await log.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(log.active).toBe(true);
  });

  it('splits stdout batches into whole-line pieces of at most 4 KiB', () => {
    const line = `${JSON.stringify({ x: 'y'.repeat(1000) })}\n`;
    const pieces = pipeSizedPieces(line.repeat(10));
    expect(pieces.length).toBe(3);
    for (const p of pieces) {
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(4096);
      expect(p.endsWith('\n')).toBe(true);
    }
    expect(pieces.join('')).toBe(line.repeat(10));
  });
});
