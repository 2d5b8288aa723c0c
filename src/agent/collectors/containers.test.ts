import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { collectInventory } from './collect.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('container runtimes', () => {
  it('binaries (once through a merged /usr) and control sockets', async () => {
    const root = writeTree({
      'usr/bin/dockerd': '',
      'usr/bin/docker': '',
      bin: { link: 'usr/bin' },
      'run/docker.sock': '',
      'usr/local/bin/podman': '',
    });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['containers'] });
    expect(inv.containers).toEqual([
      { runtime: 'docker', binaries: ['/usr/bin/dockerd', '/usr/bin/docker'], sockets: ['/run/docker.sock'], active: true },
      { runtime: 'podman', binaries: ['/usr/local/bin/podman'], sockets: [], active: false },
    ]);
  });
});
