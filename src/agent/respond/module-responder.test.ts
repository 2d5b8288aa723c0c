import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import type { AgentModuleContext } from '../daemon-module.js';
import { waitForComm } from '../test-support/exec-wait.js';
import { moduleResponder } from './module-responder.js';

const stateDir = mkdtempSync(join(tmpdir(), 'bw-module-responder-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const sent: Array<Record<string, unknown>> = [];
const ctx = (root: string): AgentModuleContext => ({ hostId: 'h-1', stateDir, root, logger: createLogger({ level: 'silent' }), sendEvents: async (docs) => void sent.push(...docs) });

describe('automatic response inside agent run modules', () => {
  it('is off without a policy file and on a fixture root', () => {
    expect(moduleResponder(ctx('/'), 'test')).toBeUndefined();
    writeFileSync(join(stateDir, 'response.yaml'), 'rules:\n  - { match: test-kill, action: kill }\n');
    expect(moduleResponder(ctx('/some/fixture'), 'test')).toBeUndefined();
  });

  it("takes the policy's action on a module's alert and reports it as an event", async () => {
    writeFileSync(join(stateDir, 'response.yaml'), 'rules:\n  - { match: test-kill, action: kill }\n');
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    const pid = await waitForComm(child.pid, 'sleep');
    const responder = moduleResponder(ctx('/'), 'test')!;
    const done = await responder.respond([{ event: { kind: 'alert', severity: 73 }, rule: { id: 'test-kill', name: 'test' }, process: { pid } }]);
    expect(done).toHaveLength(1);
    expect(await exited).toMatch(/^SIG(TERM|KILL)$/);
    expect(sent.some((e) => (e.event as { dataset?: string } | undefined)?.dataset?.includes('response') || JSON.stringify(e).includes('"kill"'))).toBe(true);
  });
});
