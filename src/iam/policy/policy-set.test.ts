import { describe, expect, it } from 'vitest';
import { authorize } from './authorize.js';
import { compilePolicy, conditionsHold, type CompiledPolicy } from './compile.js';
import { requestContext, type RequestContext } from './context.js';
import { compilePolicySet } from './policy-set.js';

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const SERVICES = ['ecs', 'ram', 'oss', 'kms'];
const VERBS = ['Describe', 'Create', 'Delete', 'List', 'Get'];
const ACTION_PATTERNS = ['*', 'ecs:*', 'ram:Get*', 'ram:GetUser', 'oss:*Object', 'ecs:Describe?nstances', 'kms:Create*', 'ram:ListUsers', 'e*:Delete*', 'ECS:DescribeInstances'];
const RESOURCE_PATTERNS = [
  '*',
  'acs:ecs:*:1:instance/*',
  'acs:ecs:*:1:instance/i-1',
  'acs:ram:*:1:user/a*',
  'acs:ram:*:1:user/alice',
  'acs:oss:*:1:bucket/*/logs/*',
  'acs:kms:cn-hangzhou:1:key/k-?',
  'acs:ecs:*:1:*',
  'acs:*:*:1:*',
];
const RESOURCES = ['acs:ecs:*:1:instance/i-1', 'acs:ecs:*:1:instance/i-2', 'acs:ecs:*:1:disk/d-1', 'acs:ram:*:1:user/alice', 'acs:ram:*:1:user/adam', 'acs:ram:*:1:user/bob', 'acs:oss:*:1:bucket/b/logs/x', 'acs:kms:cn-hangzhou:1:key/k-1', 'acs:kms:cn-hangzhou:1:key/k-12', 'acs:ecs:*:2:instance/i-1', 'acs:ecs:*:1:instance/', '*'];

function randomPolicy(r: () => number, name: string): CompiledPolicy {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const statements = Array.from({ length: 1 + Math.floor(r() * 6) }, () => {
    const s: Record<string, unknown> = { Effect: r() < 0.25 ? 'Deny' : 'Allow' };
    const actions = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(ACTION_PATTERNS));
    s[r() < 0.15 ? 'NotAction' : 'Action'] = actions;
    const resources = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(RESOURCE_PATTERNS));
    s[r() < 0.1 ? 'NotResource' : 'Resource'] = resources;
    if (r() < 0.3) s.Condition = r() < 0.5 ? { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } : { Bool: { 'acs:MFAPresent': 'true' } };
    return s;
  });
  return compilePolicy({ Version: '1', Statement: statements }, { policyName: name, policyType: 'Custom' });
}

/** The obvious evaluator: scan every statement of every policy, no index. */
function bruteForce(policies: CompiledPolicy[], action: string, resource: string, context: RequestContext): 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' {
  const lower = action.toLowerCase();
  let allowed = false;
  for (const p of policies) {
    for (const s of p.statements) {
      if (!s.matchAction(lower) || !s.matchResource(resource) || !conditionsHold(s.conditions, context)) continue;
      if (s.effect === 'Deny') return 'ExplicitDeny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

describe('CompiledPolicySet: action and resource indexes', () => {
  it('decides exactly like a full scan of every statement (randomised, seeded)', () => {
    const r = rng(20261128);
    let compared = 0;
    const seen = new Set<string>();
    for (let round = 0; round < 40; round++) {
      const policies = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => randomPolicy(r, `p${round}-${i}`));
      const set = compilePolicySet(policies);
      for (let q = 0; q < 60; q++) {
        const svc = SERVICES[Math.floor(r() * SERVICES.length)]!;
        const action = `${r() < 0.2 ? svc.toUpperCase() : svc}:${VERBS[Math.floor(r() * VERBS.length)]}${r() < 0.5 ? 'Instances' : r() < 0.5 ? 'User' : 'Object'}`;
        const resource = RESOURCES[Math.floor(r() * RESOURCES.length)]!;
        const context = requestContext({ sourceIp: r() < 0.5 ? '10.0.0.1' : '192.168.0.1', mfaPresent: r() < 0.5 });
        const expected = bruteForce(policies, action, resource, context);
        const got = authorize({ action, resource, context }, { identity: set });
        expect(got.decision, `${action} on ${resource}`).toBe(expected);
        if (got.matched) {
          const st = policies.find((p) => p.meta.policyName === got.matched!.policyName)!.statements[got.matched.statementIndex]!;
          expect(st.effect).toBe(got.decision === 'Allow' ? 'Allow' : 'Deny');
        }
        seen.add(expected);
        compared++;
      }
    }
    expect(compared).toBe(2400);
    expect(seen).toEqual(new Set(['Allow', 'ExplicitDeny', 'ImplicitDeny']));
  });

  it('gives the same answer for an action whatever its case, memoised or not', () => {
    const p = compilePolicy({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:GetUser', Resource: '*' }] }, { policyName: 'p', policyType: 'Custom' });
    const set = compilePolicySet([p]);
    for (const action of ['ram:GetUser', 'RAM:GETUSER', 'ram:getuser', 'ram:GetUser']) expect(set.candidates(action).allow).not.toBeNull();
    expect(set.candidates('ram:GetUsers').allow).toBeNull();
    expect(set.candidates('ecs:GetUser').allow).toBeNull();
  });
});
