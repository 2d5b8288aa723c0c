import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../../test-support/tree.js';
import { cachedRunner, runCommand } from '../command-runner.js';
import type { EvalContext } from '../context.js';
import { statusOf } from '../test-support/rule.js';

describe('c: rules', () => {
  const root = writeTree({ 'etc/fixture.conf': 'hello\n' });
  const ctx: EvalContext = { root: '/', commands: { allowed: true, run: cachedRunner('/') } };
  afterAll(() => removeTree(root));

  it('tests stdout and stderr per line', async () => {
    expect(await statusOf('c:echo enabled -> r:^enabled$', ctx)).toBe('found');
    expect(await statusOf('c:echo disabled -> r:^enabled$', ctx)).toBe('not found');
    expect(await statusOf('c:ls /definitely-missing -> r:No such file', ctx)).toBe('found');
    expect(await statusOf('c:printf "a\\nb\\n" -> b', ctx)).toBe('found');
    expect(await statusOf('c:true', ctx)).toBe('found');
  });

  it('runs argv without a shell: metacharacters are plain arguments', async () => {
    expect(await statusOf('c:echo $HOME `id` ; x -> r:^\\$HOME `id` ; x$', ctx)).toBe('found');
  });

  it('not applicable when the command cannot start or commands are not allowed', async () => {
    expect(await statusOf('c:no-such-binary-bulwark -> r:x', ctx)).toBe('invalid');
    expect(await statusOf('not c:no-such-binary-bulwark -> r:x', ctx)).toBe('invalid');
    expect(await statusOf('c:echo x -> r:x', { root: '/', commands: { allowed: false, reason: 'not allowed' } })).toBe('invalid');
    expect(await statusOf('c:echo "unterminated -> r:x', ctx)).toBe('invalid');
  });

  it('a timeout kills the command and is not applicable', async () => {
    const out = await runCommand('sleep 5', '/', { timeoutMs: 100, maxOutputBytes: 1024 });
    expect(out).toEqual({ ok: false, reason: '"sleep" did not finish within 100 ms' });
  });

  it('output is cut at the limit', async () => {
    const out = await runCommand('yes', '/', { timeoutMs: 5000, maxOutputBytes: 10_000 });
    expect(out.ok && out.truncated && out.stdout.length).toBe(10_000);
  });

  it('commands see a minimal environment, not the agent\'s', async () => {
    process.env.BULWARK_TEST_SECRET = 'should-not-leak';
    try {
      const out = await runCommand('env', '/');
      expect(out.ok && out.stdout).not.toContain('should-not-leak');
      expect(out.ok && out.stdout).toContain('LC_ALL=C');
    } finally {
      delete process.env.BULWARK_TEST_SECRET;
    }
  });

  it('with a root, absolute-path arguments are resolved under it', async () => {
    const out = await runCommand('cat /etc/fixture.conf', root);
    expect(out.ok && out.stdout).toBe('hello\n');
  });

  it('each distinct command line runs once per scan', async () => {
    const run = cachedRunner('/');
    expect(run('date +%N')).toBe(run('date +%N'));
  });
});

describe('command limits', () => {
  it('a timeout ends the whole process group, not only the command', async () => {
    const dir = writeTree({ 'pid': '' });
    try {
      const out = await runCommand(`sh -c "sleep 30 & echo \\$! > ${dir}/pid; wait"`, '/', { timeoutMs: 300, maxOutputBytes: 1024 });
      expect(out.ok).toBe(false);
      const pid = Number(readFileSync(`${dir}/pid`, 'utf8'));
      expect(pid).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')).toBe(false);
    } finally {
      removeTree(dir);
    }
  });
});
