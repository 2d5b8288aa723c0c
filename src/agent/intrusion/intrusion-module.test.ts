import { appendFile, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import type { AgentModule } from '../daemon-module.js';
import { AGENT_MODULES } from '../modules.js';
import { loadBaseline } from './fim/baseline-store.js';
import { intrusionModule } from './intrusion-module.js';
import { failures, rfc3339Line } from './ssh/test-support/auth-log.js';
import { ruleIds } from './test-support/ecs-field.js';

let root: string;
let state: string;
let module: AgentModule | undefined;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bulwark-idsmod-'));
  state = join(root, 'state');
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'var', 'www'), { recursive: true });
  await mkdir(join(root, 'var', 'log'), { recursive: true });
  await mkdir(state);
  await writeFile(join(root, 'etc', 'passwd'), 'root:x:0:0::/root:/bin/bash\n');
  await writeFile(join(root, 'var', 'log', 'auth.log'), '');
  await copyFile(fileURLToPath(new URL('./webshell/test-corpus/malicious/system-get.php', import.meta.url)), join(root, 'var', 'www', 'x.php'));
  await writeFile(join(state, 'intrusion.yaml'), 'ssh:\n  log: /var/log/auth.log\nfim:\n  paths: [/etc]\n  webRoots: [/var/www]\n  watch: false\n');
});
afterEach(async () => {
  await module?.stop();
  module = undefined;
  await rm(root, { recursive: true, force: true });
});

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 2400 && !ready(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('intrusion module of bulwark agent run', () => {
  it('is registered, reads intrusion.yaml from the state dir with paths under --root, and sends alerts through the daemon', async () => {
    expect(AGENT_MODULES.map((create) => create().name)).toContain('intrusion');
    const sent: Array<Record<string, unknown>> = [];
    module = intrusionModule();
    await module.start({ hostId: 'h', stateDir: state, root, logger: createLogger({ level: 'silent', name: 't' }), sendEvents: async (docs) => void sent.push(...docs) });
    await until(() => sent.length > 0);
    expect(ruleIds(sent)).toEqual(['php-exec-request']);
    // the file-integrity baseline is written last: by then the SSH log is followed (from its end)
    await until(() => existsSync(join(state, 'fim-baseline.jsonl.gz')));
    await appendFile(join(root, 'var', 'log', 'auth.log'), `${failures('203.0.113.3', ['root'], 6, new Date('2026-11-29T10:00:00Z'), 100).map((e) => rfc3339Line(e)).join('\n')}\n`);
    await until(() => sent.length > 1);
    expect(ruleIds(sent)).toEqual(['php-exec-request', 'ssh-bruteforce']);
  }, 120_000);

  it('light (bulwark dev): a settings file still wins; without one, file integrity covers /etc only', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const ctx = { hostId: 'h', stateDir: state, root, logger: createLogger({ level: 'silent', name: 't' }), sendEvents: async (docs: readonly Record<string, unknown>[]) => void sent.push(...docs) };
    module = intrusionModule({ light: true });
    await module.start(ctx);
    await until(() => sent.length > 0);
    expect(ruleIds(sent)).toEqual(['php-exec-request']);
    await module.stop();

    await rm(state, { recursive: true });
    await mkdir(state);
    await mkdir(join(root, 'usr', 'bin'), { recursive: true });
    await writeFile(join(root, 'usr', 'bin', 'tool'), '#!/bin/sh\n');
    module = intrusionModule({ light: true });
    await module.start(ctx);
    await until(() => existsSync(join(state, 'fim-baseline.jsonl.gz')));
    const baseline = await loadBaseline(state);
    expect(baseline?.roots).toEqual([join(root, 'etc')]);
    expect([...baseline!.files.keys()]).toEqual([join(root, 'etc', 'passwd')]);
  }, 120_000);

  it('refuses a bad settings file at start', async () => {
    await writeFile(join(state, 'intrusion.yaml'), 'ssh:\n  bruteforce: { capacity: lots, leakSeconds: 1 }\n');
    module = intrusionModule();
    await expect(module.start({ hostId: 'h', stateDir: state, root, logger: createLogger({ level: 'silent', name: 't' }), sendEvents: async () => undefined })).rejects.toMatchObject({ code: 'InvalidConfig' });
  });
});
