import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogTailer } from './log-tailer.js';

let dir: string;
let log: string;
const open: LogTailer[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-tail-'));
  log = join(dir, 'auth.log');
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function tailer(options: Partial<Parameters<typeof LogTailer.open>[0]> = {}): Promise<LogTailer> {
  const t = await LogTailer.open({ path: log, ...options });
  open.push(t);
  return t;
}

describe('LogTailer', () => {
  it('starts at the end by default, or at the start when asked, and returns only whole lines', async () => {
    await writeFile(log, 'old 1\nold 2\n');
    const t = await tailer();
    expect(await t.read()).toEqual([]);
    await appendFile(log, 'new 1\nnew 2 part');
    expect(await t.read()).toEqual(['new 1']);
    await appendFile(log, 'ial\r\n');
    expect(await t.read()).toEqual(['new 2 partial']);
    const all = await tailer({ fromStart: true });
    expect(await all.read()).toEqual(['old 1', 'old 2', 'new 1', 'new 2 partial']);
  });

  it('resumes from a saved position without repeating or missing lines', async () => {
    await writeFile(log, 'a\nb\n');
    const t = await tailer({ fromStart: true });
    expect(await t.read()).toEqual(['a', 'b']);
    await appendFile(log, 'c\nd-half');
    expect(await t.read()).toEqual(['c']);
    const saved = t.position()!;
    await t.close();
    await appendFile(log, '\ne\n');
    const resumed = await tailer({ position: saved });
    expect(await resumed.read()).toEqual(['d-half', 'e']);
  });

  it('follows a rotation by rename: the old file to its end, then the new one from its start', async () => {
    await writeFile(log, 'one\n');
    const t = await tailer({ fromStart: true });
    expect(await t.read()).toEqual(['one']);
    await appendFile(log, 'two (written just before rotation)\nthree without newline');
    await rename(log, `${log}.1`);
    await writeFile(log, 'four\n');
    expect(await t.read()).toEqual(['two (written just before rotation)', 'three without newline', 'four']);
    await appendFile(log, 'five\n');
    expect(await t.read()).toEqual(['five']);
  });

  it('waits for a file that is missing between rotation and re-creation', async () => {
    await writeFile(log, 'x\n');
    const t = await tailer({ fromStart: true });
    expect(await t.read()).toEqual(['x']);
    await rename(log, `${log}.1`);
    expect(await t.read()).toEqual([]);
    await writeFile(log, 'y\n');
    expect(await t.read()).toEqual(['y']);
  });

  it('on resume after a rotation, finishes the rotated file (found by inode) first', async () => {
    await writeFile(log, 'a\n');
    const t = await tailer({ fromStart: true });
    expect(await t.read()).toEqual(['a']);
    const saved = t.position()!;
    await t.close();
    // the agent was down while more was written and the log rotated
    await appendFile(log, 'b\n');
    await rename(log, `${log}.1`);
    await writeFile(log, 'c\n');
    const resumed = await tailer({ position: saved });
    expect(await resumed.read()).toEqual(['b', 'c']);
  });

  it('restarts at 0 after truncation in place (copytruncate), live and on resume', async () => {
    await writeFile(log, 'first line that is long\n');
    const t = await tailer({ fromStart: true });
    expect(await t.read()).toEqual(['first line that is long']);
    await truncate(log, 0);
    await appendFile(log, 'after\n');
    expect(await t.read()).toEqual(['after']);
    const saved = t.position()!;
    await t.close();
    await truncate(log, 0);
    await appendFile(log, 'z\n');
    const resumed = await tailer({ position: saved });
    expect(await resumed.read()).toEqual(['z']);
  });

  it('cuts lines longer than the limit and reads files larger than one chunk', async () => {
    const long = 'L'.repeat(200_000);
    await writeFile(log, `${long}\nshort\n`);
    const t = await tailer({ fromStart: true, maxLineBytes: 100 });
    expect(await t.read()).toEqual(['L'.repeat(100), 'short']);
    expect(t.position()!.offset).toBe(200_000 + 1 + 6);
  });
});
