import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostsTables } from '../hosts/tables.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { startLocalAgent } from './local-agent.js';
import { statePath } from './state.js';
import { existsSync } from 'node:fs';

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
    agent!.stop();
    const again = await startLocalAgent(options);
    again!.stop();
    expect(again!.hostId).toBe(agent!.hostId);
    expect(await db.selectFrom('hosts_hosts').select('id').execute()).toHaveLength(1);
  });
});
