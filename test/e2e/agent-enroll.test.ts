import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost } from '../../src/events/client.js';
import { REPORT_HOST_ACTION, hostPath } from '../../src/hosts/api.js';
import { CLI, assertBuilt, runCli, spawnCli, tempDir, type Spawned } from './support.js';

beforeAll(() => assertBuilt());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('agent enrollment end to end (server and agent processes)', () => {
  let server: Spawned;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const dataDir = tempDir();
    const init = runCli(['init', '--data-dir', dataDir, '--json']);
    expect(init.status).toBe(0);
    const root = JSON.parse(init.stdout) as { accessKeyId: string; accessKeySecret: string };
    env = { BULWARK_ACCESS_KEY_ID: root.accessKeyId, BULWARK_ACCESS_KEY_SECRET: root.accessKeySecret };
    server = await spawnCli(['server', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--log-level', 'warn']);
  }, 60_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
  });

  const hosts = (...args: string[]) => runCli(['hosts', ...args, '--server', server.url], env);
  const token = (ttl = '1h'): string => {
    const r = hosts('token', 'create', '--ttl', ttl, '--label', 'e2e', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { Token: string }).Token;
  };
  const enroll = (tok: string, stateDir: string) => runCli(['agent', 'enroll', '--server', server.url, '--token', tok, '--state-dir', stateDir, '--format', 'json']);

  it('enrolls once per token, runs, reports, takes a scan task, and stops on SIGTERM', async () => {
    const tok = token();
    const stateDir = join(tempDir('bw-agent-'), 'state');
    const enrolled = enroll(tok, stateDir);
    expect(enrolled.status, enrolled.stderr).toBe(0);
    const identity = JSON.parse(enrolled.stdout) as { hostId: string; userName: string; stateFile: string };
    expect(identity.userName).toBe(`host-${identity.hostId}`);
    expect(enrolled.stdout).not.toMatch(/accessKeySecret/i);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(identity.stateFile).mode & 0o777).toBe(0o600);

    // single use
    const reused = enroll(tok, join(tempDir('bw-agent-'), 'state'));
    expect(reused.status).toBe(1);
    expect(reused.stderr).toContain('Hosts.InvalidToken');
    expect(reused.stderr).toContain('already used');

    const agent = spawn(process.execPath, [CLI, 'agent', 'run', '--state-dir', stateDir, '--heartbeat', '1s', '--interval', '1h', '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let agentLog = '';
    agent.stderr.on('data', (d: Buffer) => (agentLog += d.toString()));
    const exited = new Promise<number | null>((resolve) => agent.on('exit', (code) => resolve(code)));
    try {
      type Findings = { Host: { HostId: string; InventoryCollectedAt: string | null; LastSeenAt: string | null }; Policies: Array<{ PolicyId: string }>; Tasks: Array<{ TaskId: string; Status: string }>; Inventory: { packages: unknown[] } | null };
      const findings = (): Findings => {
        const r = hosts('findings', identity.hostId, '--format', 'json', '--inventory');
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(r.stdout) as Findings;
      };
      let f = findings();
      for (let i = 0; i < 120 && (f.Host.InventoryCollectedAt === null || f.Policies.length === 0); i++) {
        await sleep(500);
        f = findings();
      }
      expect(f.Host.InventoryCollectedAt, agentLog).not.toBeNull();
      expect(f.Inventory!.packages.length).toBeGreaterThan(0);
      expect(f.Policies.length).toBeGreaterThan(0);

      const listed = hosts('list', '--format', 'json');
      expect((JSON.parse(listed.stdout) as { hosts: Array<{ HostId: string }> }).hosts.map((h) => h.HostId)).toContain(identity.hostId);
      expect(hosts('list').stdout).toContain(identity.hostId);

      // "scan now": the agent picks the task up at its next heartbeat and acknowledges it
      const scan = hosts('scan', identity.hostId, '--format', 'json');
      expect(scan.status, scan.stderr).toBe(0);
      const taskId = (JSON.parse(scan.stdout) as { TaskId: string }).TaskId;
      for (let i = 0; i < 120 && findings().Tasks.find((t) => t.TaskId === taskId)?.Status !== 'done'; i++) await sleep(500);
      expect(findings().Tasks.find((t) => t.TaskId === taskId)?.Status, agentLog).toBe('done');
    } finally {
      agent.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(agentLog).toContain('agent stopped');
    const secret = (JSON.parse(readFileSync(identity.stateFile, 'utf8')) as { accessKeySecret: string }).accessKeySecret;
    expect(agentLog).not.toContain(secret);

    const deleted = hosts('delete', identity.hostId, '--format', 'json');
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(hosts('list').stdout).not.toContain(identity.hostId);
  }, 180_000);

  it('refuses expired tokens', async () => {
    const tok = token('1s');
    await sleep(2_100);
    const late = enroll(tok, join(tempDir('bw-agent-'), 'state'));
    expect(late.status).toBe(1);
    expect(late.stderr).toContain('expired');
  }, 30_000);

  it("lets a host's identity report only about its own host", async () => {
    const dirA = join(tempDir('bw-agent-'), 'a');
    const dirB = join(tempDir('bw-agent-'), 'b');
    expect(enroll(token(), dirA).status).toBe(0);
    expect(enroll(token(), dirB).status).toBe(0);
    const a = JSON.parse(readFileSync(join(dirA, 'agent.json'), 'utf8')) as { hostId: string; accessKeyId: string; accessKeySecret: string };
    const b = JSON.parse(readFileSync(join(dirB, 'agent.json'), 'utf8')) as { hostId: string };
    const key = { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret };
    const own = await signedPost(server.url, hostPath(a.hostId, 'heartbeat'), Buffer.from('{}'), 'application/json', key, REPORT_HOST_ACTION);
    expect(own.status).toBe(200);
    const other = await signedPost(server.url, hostPath(b.hostId, 'heartbeat'), Buffer.from('{}'), 'application/json', key, REPORT_HOST_ACTION);
    expect(other.status).toBe(403);
    // nor administer hosts
    const list = runCli(['hosts', 'list', '--server', server.url], { BULWARK_ACCESS_KEY_ID: a.accessKeyId, BULWARK_ACCESS_KEY_SECRET: a.accessKeySecret });
    expect(list.status).toBe(1);
    expect(list.stderr).toContain('NoPermission');
  }, 60_000);
});
