import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcsDocument } from '../alert.js';
import { ruleIds } from '../test-support/ecs-field.js';
import { parseSshConfig } from './ssh-config.js';
import { startSshMonitor, type SshMonitor } from './ssh-monitor.js';
import { accepted, failures, rfc3339Line } from './test-support/auth-log.js';

let dir: string;
let monitors: SshMonitor[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-sshmon-'));
});
afterEach(async () => {
  for (const m of monitors) await m.stop();
  monitors = [];
  await rm(dir, { recursive: true, force: true });
});

const T0 = new Date('2026-11-29T10:00:00Z');
const lines = (entries: ReturnType<typeof failures>): string => `${entries.map((e) => rfc3339Line(e)).join('\n')}\n`;
const ids = ruleIds;

async function monitor(log: string, sink: EcsDocument[][], fail = { now: false }): Promise<SshMonitor> {
  const m = await startSshMonitor({
    logPath: log,
    stateDir: join(dir, 'state'),
    config: parseSshConfig({}),
    host: 'h1',
    intervalMs: 3_600_000,
    onEvents: async (docs) => {
      if (fail.now) throw new Error('server down');
      sink.push(docs);
    },
  });
  monitors.push(m!);
  return m!;
}

describe('startSshMonitor', () => {
  it('follows the log, saves its offset after delivery and resumes there after a restart', async () => {
    const log = join(dir, 'auth.log');
    await writeFile(log, lines(failures('203.0.113.1', ['root'], 10, T0, 500)));
    const sink: EcsDocument[][] = [];
    const m = await monitor(log, sink);
    // history present at start is not replayed
    expect(await m.poll()).toBe(0);
    await appendFile(log, lines(failures('203.0.113.2', ['root'], 6, T0, 500)));
    await m.poll();
    expect(ids(sink.flat())).toEqual(['ssh-bruteforce']);
    const saved = JSON.parse(await readFile(join(dir, 'state', 'ssh-log-position.json'), 'utf8'));
    expect(saved).toMatchObject({ path: log });
    await m.stop();
    monitors = [];

    await appendFile(log, lines([accepted('192.0.2.5', 'alice', T0), accepted('192.0.2.6', 'alice', T0)]));
    const again: EcsDocument[][] = [];
    const m2 = await monitor(log, again);
    await m2.poll();
    // alice's first login is learnt, the second source is new; nothing from before the restart repeats
    expect(ids(again.flat())).toEqual(['ssh-new-source']);
  });

  it('keeps undelivered alerts for the next poll', async () => {
    const log = join(dir, 'secure');
    await writeFile(log, '');
    const sink: EcsDocument[][] = [];
    const fail = { now: true };
    const m = await monitor(log, sink, fail);
    await appendFile(log, lines(failures('203.0.113.3', ['root'], 6, T0, 100)));
    await expect(m.poll()).rejects.toThrow('server down');
    fail.now = false;
    await m.poll();
    expect(ids(sink.flat())).toEqual(['ssh-bruteforce']);
  });

  it('after a crash before delivery, a restarted monitor reads the lines again', async () => {
    const log = join(dir, 'secure');
    await writeFile(log, 'Nov 29 10:00:00 h sshd[1]: Server listening on 0.0.0.0 port 22.\n');
    const sink: EcsDocument[][] = [];
    const failing = await monitor(log, sink, { now: true });
    await appendFile(log, lines(failures('203.0.113.4', ['root'], 6, T0, 100)));
    await expect(failing.poll()).rejects.toThrow('server down');
    await failing.stop();
    monitors = [];
    const m = await monitor(log, sink);
    await m.poll();
    expect(ids(sink.flat())).toEqual(['ssh-bruteforce']);
  });

  it('waits for a log that does not exist yet', async () => {
    const log = join(dir, 'later.log');
    const sink: EcsDocument[][] = [];
    const m = await monitor(log, sink);
    expect(await m.poll()).toBe(0);
    await writeFile(log, lines(failures('203.0.113.9', ['root'], 6, T0, 100)));
    expect(await m.poll()).toBe(1);
  });
});
