import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturedLogger } from '../server/test-support/capture.js';
import type { AgentReport } from '../hosts/api.js';
import type { AgentModuleContext } from './daemon-module.js';
import { AgentDaemon } from './daemon.js';

function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'bw-daemon-'));
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
  writeFileSync(join(root, 'etc/hostname'), 'fixture\n');
  return root;
}

/** A fake server: records reports, hands out one scan task on the second pull, fails the first heartbeat. */
function fakeClient(onReport: (what: AgentReport, calls: Array<{ what: AgentReport; body: unknown }>) => void) {
  const calls: Array<{ what: AgentReport; body: unknown }> = [];
  let pulls = 0;
  let heartbeats = 0;
  return {
    calls,
    client: {
      hostId: '0123456789abcdef',
      async report(what: AgentReport, body: unknown): Promise<unknown> {
        calls.push({ what, body });
        onReport(what, calls);
        if (what === 'heartbeat' && ++heartbeats === 1) throw new Error('server unreachable');
        if (what === 'tasks/pull') return { Tasks: ++pulls === 2 ? [{ TaskId: 't-1', Kind: 'scan' }] : [] };
        return {};
      },
    },
  };
}

describe('agent daemon', () => {
  it('collects at start, runs a pulled scan task, acknowledges it, survives failures and stops on request', async () => {
    const log = capturedLogger();
    const fake = fakeClient((what, calls) => {
      if (what === 'tasks/ack' || calls.length > 50) daemon.stop();
    });
    const daemon = new AgentDaemon({ client: fake.client, logger: log.logger, agentVersion: '1.2.3', root: fixtureRoot(), policyFiles: [], heartbeatMs: 5, intervalMs: 3_600_000 });
    await daemon.run();
    expect(fake.calls.map((c) => c.what)).toEqual(['heartbeat', 'tasks/pull', 'inventory', 'baseline', 'heartbeat', 'tasks/pull', 'inventory', 'baseline', 'tasks/ack']);
    const inventory = fake.calls[2]!.body as { os: { id: string }; hostname: string; schemaVersion: number };
    expect(inventory).toMatchObject({ schemaVersion: 1, os: { id: 'debian' }, hostname: 'fixture' });
    expect(fake.calls[3]!.body).toMatchObject({ policies: expect.any(Array) });
    expect(fake.calls[8]!.body).toMatchObject({ taskId: 't-1', status: 'done' });
    expect(fake.calls[0]!.body).toEqual({ agentVersion: '1.2.3', hostname: hostname() });
    expect(log.text()).toContain('agent heartbeat failed');
    expect(log.text()).toContain('agent stopped');
  });

  it('stops during its sleep without waiting for the next tick, and runs modules alongside', async () => {
    const fake = fakeClient(() => undefined);
    const lifecycle: string[] = [];
    const module = {
      name: 'probe',
      async start(ctx: AgentModuleContext) {
        lifecycle.push(`start ${ctx.hostId}`);
        await ctx.sendEvents([{ message: 'probe started' }]);
      },
      async stop() {
        lifecycle.push('stop');
      },
    };
    const broken = { name: 'broken', start: async () => Promise.reject(new Error('no inotify')), stop: async () => void lifecycle.push('broken stopped') };
    const daemon = new AgentDaemon({ client: fake.client, logger: capturedLogger().logger, agentVersion: '1', root: fixtureRoot(), heartbeatMs: 3_600_000, intervalMs: 3_600_000, modules: [module, broken] });
    const running = daemon.run();
    while (!fake.calls.some((c) => c.what === 'baseline')) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 5));
    daemon.stop();
    await running;
    expect(daemon.completedCycles).toBe(1);
    expect(lifecycle).toEqual(['start 0123456789abcdef', 'stop']);
    expect(fake.calls[0]).toEqual({ what: 'events', body: [{ message: 'probe started' }] });
  });
});
