import http from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli, tempDir, type Spawned } from './support.js';

beforeAll(() => assertBuilt());

interface Outcome {
  status?: number;
  error?: string;
}

function get(url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

describe('bulwark server (built binary)', () => {
  let server: Spawned | undefined;
  afterEach(() => {
    server?.child.kill('SIGKILL');
  });

  it('serves healthz, readyz and metrics', async () => {
    server = await spawnCli(['server', '--data-dir', tempDir(), '--listen', '127.0.0.1:0', '--log-level', 'warn']);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
    expect((await get(`${server.url}/readyz`)).status).toBe(200);
    const metrics = await fetch(`${server.url}/metrics`);
    expect(await metrics.text()).toMatch(/^# HELP /m);
  });

  it('loses no accepted request when SIGTERM arrives during a burst', async () => {
    server = await spawnCli(['server', '--data-dir', tempDir(), '--listen', '127.0.0.1:0', '--log-level', 'warn']);
    const url = `${server.url}/readyz`;
    const outcomes: Outcome[] = [];
    let signalledAt = -1;
    const total = 400;
    const concurrency = 40;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        next += 1;
        const outcome = await get(url);
        outcomes.push(outcome);
        if (outcomes.length === 100 && signalledAt < 0) {
          signalledAt = outcomes.length;
          server!.child.kill('SIGTERM');
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const code = await server.exited;
    expect(code).toBe(0);
    const served = outcomes.filter((o) => o.status === 200).length;
    const refused = outcomes.filter((o) => o.error === 'ECONNREFUSED').length;
    const lost = outcomes.filter((o) => o.status !== 200 && o.error !== 'ECONNREFUSED');
    // Every request either completed, or was refused before the server accepted it: none dropped midway.
    expect(lost).toEqual([]);
    expect(served).toBeGreaterThan(100);
    expect(served + refused).toBe(total);
    expect(server.stderr()).not.toMatch(/"level":"(error|fatal)"/);
  });
});
