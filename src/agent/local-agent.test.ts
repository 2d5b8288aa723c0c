import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost } from '../events/client.js';
import { SEARCH_EVENTS_ACTION, SEARCH_PATH } from '../events/paths.js';
import type { HostsTables } from '../hosts/tables.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { BASELINE_FILE, loadBaseline } from './intrusion/fim/baseline-store.js';
import { startLocalAgent } from './local-agent.js';
import { statePath } from './state.js';

async function until<T>(probe: () => Promise<T | undefined>, tries = 300): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe('bulwark dev local agent', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.close());

  it('enrolls once under the data dir, reports this machine, and reuses its identity on the next start', async () => {
    const options = { platform: t.server.platform, serverUrl: t.server.url, accountId: t.root.accountId, agentVersion: 'dev' };
    const agent = await startLocalAgent(options);
    expect(agent).toBeDefined();
    expect(existsSync(statePath(agent!.stateDir))).toBe(true);
    const db = t.server.platform.storage.db<HostsTables>() as Kysely<HostsTables>;
    let inventory: { host_id: string } | undefined;
    for (let i = 0; i < 200 && !inventory; i++) {
      inventory = await db.selectFrom('hosts_inventories').select('host_id').executeTakeFirst();
      if (!inventory) await new Promise((r) => setTimeout(r, 100));
    }
    expect(inventory?.host_id).toBe(agent!.hostId);
    await agent!.stop();
    const again = await startLocalAgent(options);
    await again!.stop();
    expect(again!.hostId).toBe(agent!.hostId);
    expect(await db.selectFrom('hosts_hosts').select('id').execute()).toHaveLength(1);
  });

  it('runs the modules of `bulwark agent run` too: a process run from /tmp is an alert; file integrity covers /etc only (light)', async () => {
    // a copy of `sleep` run from a temporary folder: the suspicious-process module's temp-exec rule
    const dir = mkdtempSync('/tmp/bw-dev-agent-');
    const exe = join(dir, 'sleepy');
    copyFileSync('/bin/sleep', exe);
    const child = spawn(exe, ['120'], { stdio: 'ignore' });
    const options = { platform: t.server.platform, serverUrl: t.server.url, accountId: t.root.accountId, agentVersion: 'dev' };
    const agent = await startLocalAgent(options);
    try {
      expect(agent!.modules).toEqual(expect.arrayContaining(['intrusion', 'processes']));
      const key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
      const alert = await until(async () => {
        const r = await signedPost(t.server.url, SEARCH_PATH, Buffer.from(JSON.stringify({ query: `host.id:${agent!.hostId} AND event.dataset:agent.process AND process.pid:${child.pid}` })), 'application/json', key, SEARCH_EVENTS_ACTION);
        return (r.json as { events?: Array<{ rule?: { id?: string }; process?: { executable?: string } }> }).events?.[0];
      });
      expect(alert?.rule?.id).toBe('bulwark.process.temp-exec');

      // the intrusion module took its file-integrity baseline, of /etc only
      expect(await until(async () => existsSync(join(agent!.stateDir, BASELINE_FILE)))).toBe(true);
      const baseline = await until(() => loadBaseline(agent!.stateDir));
      expect(baseline!.roots).toEqual(['/etc']);
      expect(baseline!.files.size).toBeGreaterThan(0);
      expect([...baseline!.files.keys()].every((p) => p === '/etc' || p.startsWith('/etc/'))).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await agent?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
