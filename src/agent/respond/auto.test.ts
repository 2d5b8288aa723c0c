import { execFileSync, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForComm } from '../test-support/exec-wait.js';
import { scratchDirs } from '../test-support/tree.js';
import { readActionLog } from './action-log.js';
import { applyResponses, autoResponder, planResponses } from './auto.js';
import { listBlocked } from './nftables.js';
import { compileResponsePolicy, loadResponsePolicy } from './policy.js';

const alert = (ruleId: string, severity: number, fields: Record<string, unknown>) => ({ event: { kind: 'alert', severity }, rule: { id: ruleId }, ...fields });

const POLICY = `
rules:
  - match: ssh-bruteforce
    action: block
    duration: 1h
  - match: bulwark.process.*
    minSeverity: 90
    action: kill
  - match: webshell-*
    action: quarantine
neverBlock: [10.0.0.0/8, "2001:db8::/32"]
`;

const scratch = scratchDirs('bw-auto-');
afterAll(scratch.cleanup);

describe('response policy', () => {
  it('rejects invalid policies naming the field', () => {
    expect(() => compileResponsePolicy({ rules: [{ match: 'x', action: 'reboot' }] })).toThrow(/rules\.0\.action/);
    expect(() => compileResponsePolicy({ rules: [{ match: 'x', action: 'block', duration: 'soon' }] })).toThrow(/rules\.0\.duration/);
    expect(() => compileResponsePolicy({ neverBlock: ['10.0.0.0/99'] })).toThrow(/neverBlock\.0/);
    expect(() => loadResponsePolicy('rules: [', 'p.yml')).toThrow(/Agent|response policy|p\.yml/);
    expect(compileResponsePolicy(undefined).rules).toEqual([]);
  });

  it('plans one action per target from the first matching rule; never-block and severity respected', () => {
    const policy = loadResponsePolicy(POLICY, 'test');
    const plan = planResponses(
      [
        alert('ssh-bruteforce', 73, { source: { ip: '203.0.113.5' } }),
        alert('ssh-bruteforce', 73, { source: { ip: '203.0.113.5' } }),
        alert('ssh-bruteforce', 73, { source: { ip: '10.1.2.3' } }),
        alert('ssh-bruteforce', 73, { source: { ip: '2001:db8::9' } }),
        alert('ssh-new-source', 47, { source: { ip: '198.51.100.1' } }),
        alert('bulwark.process.reverse-shell', 99, { process: { pid: 4242 } }),
        alert('bulwark.process.temp-exec', 47, { process: { pid: 4343 } }),
        alert('webshell-php-eval', 73, { file: { path: '/var/www/x.php' } }),
        { event: { kind: 'event' }, rule: { id: 'ssh-bruteforce' }, source: { ip: '203.0.113.6' } },
      ],
      policy,
    );
    expect(plan).toEqual([
      { action: 'block', target: '203.0.113.5', durationSeconds: 3600, rule: 'ssh-bruteforce' },
      { action: 'kill', target: '4242', durationSeconds: 3600, rule: 'bulwark.process.reverse-shell' },
      { action: 'quarantine', target: '/var/www/x.php', durationSeconds: 3600, rule: 'webshell-php-eval' },
    ]);
    const capped = planResponses([1, 2, 3].map((n) => alert('ssh-bruteforce', 73, { source: { ip: `203.0.113.${n}` } })), compileResponsePolicy({ rules: [{ match: 'ssh-bruteforce', action: 'block' }], maxActionsPerBatch: 2 }));
    expect(capped).toHaveLength(2);
  });

  it('applies the plan (block in a throwaway namespace, kill, quarantine) and logs each with the policy as actor', async () => {
    const netns = `bwa${process.pid % 10000}${randomInt(100, 999)}`;
    execFileSync('ip', ['netns', 'add', netns]);
    try {
      const state = scratch.make();
      const file = join(scratch.make(), 'shell.php');
      writeFileSync(file, '<?php eval($_POST[1]);');
      const child = spawn('sleep', ['60'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await waitForComm(child.pid, 'sleep');
      const result = await applyResponses(
        [
          { action: 'block', target: '203.0.113.5', durationSeconds: 3600, rule: 'ssh-bruteforce' },
          { action: 'kill', target: String(child.pid), durationSeconds: 0, rule: 'bulwark.process.reverse-shell' },
          { action: 'quarantine', target: file, durationSeconds: 0, rule: 'webshell-php-eval' },
          { action: 'kill', target: '1', durationSeconds: 0, rule: 'bulwark.process.reverse-shell' },
        ],
        { stateDir: state, nft: { netns } },
      );
      expect(result.done.map((d) => [d.action, d.actor])).toEqual([
        ['block', 'policy:ssh-bruteforce'],
        ['kill', 'policy:bulwark.process.reverse-shell'],
        ['quarantine', 'policy:webshell-php-eval'],
      ]);
      expect(result.failed.map((f) => f.planned.target)).toEqual(['1']);
      await exited;
      expect(existsSync(file)).toBe(false);
      expect((await listBlocked({ netns })).map((b) => b.ip)).toEqual(['203.0.113.5']);
      expect((await readActionLog(state)).map((a) => a.action)).toEqual(['block', 'kill', 'quarantine']);
    } finally {
      execFileSync('ip', ['netns', 'del', netns]);
    }
  });

  it('autoResponder: alerts in, actions taken and reported as agent.response events', async () => {
    const netns = `bwr${process.pid % 10000}${randomInt(100, 999)}`;
    execFileSync('ip', ['netns', 'add', netns]);
    try {
      const events: Array<Record<string, unknown>> = [];
      const errors: string[] = [];
      const respond = autoResponder({ policy: loadResponsePolicy(POLICY, 'test'), stateDir: scratch.make(), nft: { netns }, host: 'web-01', onEvents: async (docs) => void events.push(...docs), onError: (m) => errors.push(m) });
      const done = await respond([alert('ssh-bruteforce', 73, { source: { ip: '203.0.113.9' } }), alert('ssh-new-source', 47, { source: { ip: '203.0.113.10' } })]);
      expect(done.map((d) => [d.action, d.target])).toEqual([['block', '203.0.113.9']]);
      expect(events).toMatchObject([{ event: { action: 'response-block', dataset: 'agent.response' }, source: { ip: '203.0.113.9' }, user: { name: 'policy:ssh-bruteforce' }, host: { name: 'web-01' } }]);
      expect(await respond([])).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      execFileSync('ip', ['netns', 'del', netns]);
    }
  });
});
