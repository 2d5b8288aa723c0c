import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { registerEvents } from './events.js';
import { runCli, type CliRun } from './test-support/run-cli.js';

/** Runs `bulwark events …` in-process and captures stdout and the exit code. */
const run = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => runCli(registerEvents, args, env);

const NDJSON = [
  JSON.stringify({ '@timestamp': new Date(Date.now() - 10 * 60_000).toISOString(), message: 'ssh login failed', event: { action: 'login', outcome: 'failure' }, user: { name: 'root' }, source: { ip: '203.0.113.5' } }),
  JSON.stringify({ '@timestamp': new Date(Date.now() - 5 * 60_000).toISOString(), message: 'ssh login failed', event: { action: 'login', outcome: 'failure' }, user: { name: 'root' }, source: { ip: '203.0.113.5' } }),
  JSON.stringify({ '@timestamp': new Date(Date.now() - 3 * 3_600_000).toISOString(), message: 'old', user: { name: 'alice' }, source: { ip: '10.0.0.1' } }),
  '{broken',
].join('\n');

describe('bulwark events', () => {
  let dir: string;
  let file: string;
  let t: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-cli-events-'));
    file = join(dir, 'events.ndjson');
    writeFileSync(file, NDJSON);
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests and queries offline on --data-dir', async () => {
    const dataDir = join(dir, 'data');
    const ingest = await run(['events', 'ingest', file, '--data-dir', dataDir, '--format', 'json']);
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toEqual({ accepted: 3, rejected: [{ index: 3, field: '', reason: 'the line is not valid JSON' }] });
    const q = await run(['events', 'query', 'event.outcome:failure', '--from', '-1h', '--agg', 'terms:source.ip', '--format', 'json', '--data-dir', dataDir]);
    expect(q.code).toBe(0);
    const result = JSON.parse(q.stdout) as { total: number; events: unknown[]; aggregations: unknown[] };
    expect(result.total).toBe(2);
    expect(result.events).toHaveLength(2);
    expect(result.aggregations[0]).toMatchObject({ buckets: [{ key: '203.0.113.5', count: 2 }] });
    const table = await run(['events', 'query', '', '--data-dir', dataDir]);
    expect(table.stdout).toContain('3 of 3 event(s)');
    expect(table.stdout).toContain('ssh login failed');
  });

  it('ingests and queries a server with a signed AccessKey', async () => {
    const env = { BULWARK_ACCESS_KEY_ID: t.root.accessKeyId, BULWARK_ACCESS_KEY_SECRET: t.root.accessKeySecret };
    const ingest = await run(['events', 'ingest', file, '--server', t.server.url, '--format', 'json'], env);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ accepted: 3, rejected: [{ index: 3 }] });
    const q = await run(['events', 'query', 'user.name:root', '--from', '-1h', '--server', t.server.url, '--format', 'json'], env);
    expect(q.code).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject({ total: 2 });
  });

  it('exits 1 on a query mistake and names the column', async () => {
    const r = await run(['events', 'query', 'user.name:(a OR', '--data-dir', join(dir, 'data2')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('column');
  });
});
