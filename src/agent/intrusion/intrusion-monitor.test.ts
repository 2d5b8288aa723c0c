import { appendFile, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcsDocument } from './alert.js';
import { intrusionConfigSchema } from './intrusion-config.js';
import { startIntrusionDetection, type IntrusionDetection } from './intrusion-monitor.js';
import { failures, rfc3339Line } from './ssh/test-support/auth-log.js';
import { ruleIds } from './test-support/ecs-field.js';

const sample = (kind: string, name: string): string => fileURLToPath(new URL(`./webshell/test-corpus/${kind}/${name}`, import.meta.url));

let dir: string;
let running: IntrusionDetection[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-ids-'));
  await mkdir(join(dir, 'www'));
  await mkdir(join(dir, 'etc'));
  await copyFile(sample('benign', 'contact-form.php'), join(dir, 'www', 'contact.php'));
  await copyFile(sample('malicious', 'cmd.jsp'), join(dir, 'www', 'old-backdoor.jsp'));
  await writeFile(join(dir, 'etc', 'hosts'), '127.0.0.1 localhost\n');
  await writeFile(join(dir, 'auth.log'), '');
});
afterEach(async () => {
  for (const r of running) await r.stop();
  running = [];
  await rm(dir, { recursive: true, force: true });
});

async function start(sink: EcsDocument[]): Promise<IntrusionDetection> {
  const config = intrusionConfigSchema.parse({ ssh: { log: join(dir, 'auth.log') }, fim: { paths: [join(dir, 'etc')], webRoots: [join(dir, 'www')], watch: false } });
  const ids = await startIntrusionDetection({ config, stateDir: join(dir, 'state'), host: 'h', onEvents: async (docs) => void sink.push(...docs) });
  running.push(ids);
  return ids;
}

describe('startIntrusionDetection', () => {
  it('scans web roots at start (each webshell reported once), follows SSH and FIM with webshell scans of new files', async () => {
    const sink: EcsDocument[] = [];
    const first = await start(sink);
    expect(ruleIds(sink)).toEqual(['jsp-runtime-exec-request']);
    await first.stop();
    running = [];

    sink.length = 0;
    const ids = await start(sink);
    // already reported: not again after a restart
    expect(sink).toEqual([]);

    await appendFile(join(dir, 'auth.log'), `${failures('203.0.113.9', ['root'], 6, new Date('2026-11-29T10:00:00Z'), 100).map((e) => rfc3339Line(e)).join('\n')}\n`);
    await ids.ssh!.poll();
    expect(ruleIds(sink)).toEqual(['ssh-bruteforce']);

    sink.length = 0;
    await copyFile(sample('malicious', 'eval-post-oneliner.php'), join(dir, 'www', 'wp-cache.php'));
    await ids.fim!.fullScan();
    expect(ruleIds(sink)).toEqual(['fim-webroot-added', 'php-eval-request']);
  });
});
