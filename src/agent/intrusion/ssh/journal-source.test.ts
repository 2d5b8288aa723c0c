import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcsDocument } from '../alert.js';
import { ruleIds } from '../test-support/ecs-field.js';
import { JOURNAL_CURSOR } from './journal-source.js';
import { parseSshConfig } from './ssh-config.js';
import { startSshMonitor, type SshMonitor } from './ssh-monitor.js';
import { failures, journalLine } from './test-support/auth-log.js';

let dir: string;
let monitors: SshMonitor[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-journal-'));
});
afterEach(async () => {
  for (const m of monitors) await m.stop();
  monitors = [];
  await rm(dir, { recursive: true, force: true });
});

/**
 * A stand-in for journalctl: records its arguments, prints the entries of `entries.ndjson` that
 * come after --after-cursor (each with a __CURSOR), then keeps following like `--follow` does.
 */
async function fakeJournalctl(): Promise<string> {
  // .cjs: CommonJS whatever package.json sits above the temp dir
  const script = join(dir, 'journalctl.cjs');
  await writeFile(
    script,
    `#!${process.execPath}
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(join(dir, 'calls'))}, JSON.stringify(process.argv.slice(2)) + '\\n');
const after = (process.argv.find((a) => a.startsWith('--after-cursor=')) || '').slice('--after-cursor='.length);
const lines = fs.readFileSync(${JSON.stringify(join(dir, 'entries.ndjson'))}, 'utf8').split('\\n').filter(Boolean);
let start = after ? lines.findIndex((l) => JSON.parse(l).__CURSOR === after) + 1 : lines.length;
for (const l of lines.slice(start)) process.stdout.write(l + '\\n');
setInterval(() => {}, 1000);
`,
  );
  await chmod(script, 0o755);
  return script;
}

async function entries(n: number, ip: string, from = 0): Promise<void> {
  const lines = failures(ip, ['root'], n, new Date('2026-11-29T10:00:00Z'), 100).map((e, i) => {
    const doc = JSON.parse(journalLine(e)) as Record<string, string>;
    return JSON.stringify({ __CURSOR: `s=abc;i=${from + i}`, ...doc });
  });
  await writeFile(join(dir, 'entries.ndjson'), `${lines.join('\n')}\n`, { flag: from === 0 ? 'w' : 'a' });
}

async function monitor(command: string, sink: EcsDocument[]): Promise<SshMonitor> {
  const m = await startSshMonitor({ journal: { command }, stateDir: join(dir, 'state'), config: parseSshConfig({}), intervalMs: 3_600_000, onEvents: async (docs) => void sink.push(...docs) });
  monitors.push(m!);
  return m!;
}

/** Waits for something the child process does on its own. */
async function waitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 2400 && !ready(); i++) await new Promise((r) => setTimeout(r, 25));
}

/** Polls until the fake journalctl's output has come through (the child runs on its own). */
async function pollUntil(m: SshMonitor, sink: EcsDocument[], count: number): Promise<void> {
  for (let i = 0; i < 2400 && sink.length < count; i++) {
    await m.poll();
    if (sink.length < count) await new Promise((r) => setTimeout(r, 25));
  }
}

describe('journald source', () => {
  it('follows sshd entries from journalctl, saves the cursor after delivery and resumes after it', async () => {
    const command = await fakeJournalctl();
    await entries(6, '203.0.113.1');
    const sink: EcsDocument[] = [];
    const first = await monitor(command, sink);
    await first.poll();
    await waitFor(() => existsSync(join(dir, 'calls')));
    const calls = (await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as string[]);
    // first start: only new entries, sshd's identifiers
    expect(calls[0]).toEqual(expect.arrayContaining(['--follow', '--output=json', '--lines=0', 'SYSLOG_IDENTIFIER=sshd', 'SYSLOG_IDENTIFIER=sshd-session']));
    await first.stop();
    monitors = [];

    // pretend the first run had read and delivered up to entry 5: a restart resumes after it
    await mkdir(join(dir, 'state'), { recursive: true });
    await writeFile(join(dir, 'state', JOURNAL_CURSOR), JSON.stringify({ cursor: 's=abc;i=5' }));
    await entries(6, '203.0.113.2', 6);
    const second = await monitor(command, sink);
    await pollUntil(second, sink, 1);
    expect(ruleIds(sink)).toEqual(['ssh-bruteforce']);
    expect(sink[0]!.source).toEqual({ ip: '203.0.113.2' });
    expect(JSON.parse(await readFile(join(dir, 'state', JOURNAL_CURSOR), 'utf8'))).toEqual({ cursor: 's=abc;i=11' });
    const last = (await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n').pop()!;
    expect(JSON.parse(last)).toContain('--after-cursor=s=abc;i=5');
  }, 180_000);
});
