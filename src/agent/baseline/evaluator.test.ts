import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import type { CommandOutput } from './command-runner.js';
import type { EvalContext } from './context.js';
import { evaluatePolicy } from './evaluator.js';
import { parsePolicy } from './policy.js';

const POLICY = `
policy: {id: t, name: Test, file: t.yml}
requirements:
  title: Debian
  condition: all
  rules: ['f:/etc/os-release -> r:^ID=debian$']
checks:
  - id: 1
    title: passes
    rationale: why
    remediation: fix
    compliance: {cis: ["1.1"]}
    condition: all
    rules: ['f:/etc/login.defs -> n:^PASS_MAX_DAYS\\s+(\\d+) compare <= 365']
  - id: 2
    title: fails, later rules not run
    condition: all
    rules: ['f:/etc/missing', 'c:count-me']
  - id: 3
    title: not applicable
    condition: all
    rules: ['f:/etc/login.defs', 'f:/etc/missing -> r:x']
  - id: 4
    title: any stops at the first match
    condition: any
    rules: ['f:/etc/login.defs', 'c:count-me']
  - id: 5
    title: none
    condition: none
    rules: ['c:count-me -> r:^ok$']
`;

describe('policy evaluation', () => {
  const debian = writeTree({ 'etc/os-release': 'ID=debian\n', 'etc/login.defs': 'PASS_MAX_DAYS 90\n' });
  const other = writeTree({ 'etc/os-release': 'ID=alpine\n' });
  afterAll(() => [debian, other].forEach(removeTree));
  const policy = parsePolicy(POLICY, 't.yml');

  function ctxFor(root: string): { ctx: EvalContext; runs: string[] } {
    const runs: string[] = [];
    const run = (line: string): Promise<CommandOutput> => {
      runs.push(line);
      return Promise.resolve({ ok: true, stdout: 'ok\n', stderr: '', exitCode: 0, truncated: false });
    };
    return { ctx: { root, commands: { allowed: true, run } }, runs };
  }

  it('runs every check with Wazuh semantics, stopping rules once decided, and summarizes', async () => {
    const { ctx, runs } = ctxFor(debian);
    const result = await evaluatePolicy(policy, ctx);
    expect(result.checks.map((c) => [c.id, c.result])).toEqual([
      [1, 'passed'],
      [2, 'failed'],
      [3, 'not applicable'],
      [4, 'passed'],
      [5, 'failed'],
    ]);
    expect(result.checks[0]).toMatchObject({ title: 'passes', rationale: 'why', remediation: 'fix', compliance: { cis: ['1.1'] } });
    expect(result.checks[2]!.reason).toBe('cannot read /etc/missing (ENOENT)');
    expect(runs).toEqual(['count-me']);
    expect(result.summary).toEqual({ passed: 2, failed: 2, notApplicable: 1, total: 5, score: 50 });
  });

  it('skips a policy whose requirements do not hold', async () => {
    const result = await evaluatePolicy(policy, ctxFor(other).ctx);
    expect(result.skipped).toBe('requirements not met: Debian');
    expect(result.checks).toEqual([]);
  });
});
