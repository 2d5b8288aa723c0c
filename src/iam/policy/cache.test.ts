import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { authorize } from './authorize.js';
import { PolicyCache } from './cache.js';
import type { CompiledPolicy } from './compile.js';

const READ = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }] });
const WRITE = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:*', Resource: '*' }] });

describe('PolicyCache', () => {
  it('compiles a document once per key and shares it', () => {
    const cache = new PolicyCache();
    const a = cache.document('1:System:ReadOnly:v1', READ, { policyName: 'ReadOnly', policyType: 'System' });
    const b = cache.document('1:System:ReadOnly:v1', READ, { policyName: 'ReadOnly', policyType: 'System' });
    expect(b).toBe(a);
    expect(cache.stats().documents).toBe(1);
    expect(() => cache.document('bad', '{', { policyName: 'x', policyType: 'Custom' })).toThrow(BulwarkError);
    expect(cache.stats().documents).toBe(1);
  });

  it('keys principal sets by (principal, version) and rebuilds when the version changes', () => {
    const cache = new PolicyCache();
    let loads = 0;
    let attached: CompiledPolicy[] = [cache.document('read:v1', READ, { policyName: 'Read', policyType: 'Custom' })];
    const load = () => {
      loads++;
      return attached;
    };
    const s1 = cache.policySet('user-1', 7, load);
    expect(cache.policySet('user-1', 7, load)).toBe(s1);
    expect(cache.policySet('user-1', '7', load)).toBe(s1);
    expect(loads).toBe(1);
    expect(authorize({ action: 'ram:CreateUser', resource: '*' }, { identity: s1 }).allowed).toBe(false);

    attached = [...attached, cache.document('write:v1', WRITE, { policyName: 'Write', policyType: 'Custom' })];
    const s2 = cache.policySet('user-1', 8, load);
    expect(s2).not.toBe(s1);
    expect(loads).toBe(2);
    expect(authorize({ action: 'ram:CreateUser', resource: '*' }, { identity: s2 }).allowed).toBe(true);
    expect(cache.peek('user-1', 7)).toBeUndefined();
    expect(cache.peek('user-1', 8)).toBe(s2);
    expect(cache.stats()).toMatchObject({ principals: 1, hits: 2, misses: 2 });
  });

  it('invalidates one principal, the principals using a document, or everything', () => {
    const cache = new PolicyCache();
    const read = cache.document('read:v1', READ, { policyName: 'Read', policyType: 'Custom' });
    const write = cache.document('write:v1', WRITE, { policyName: 'Write', policyType: 'Custom' });
    cache.policySet('alice', 1, () => [read]);
    cache.policySet('bob', 1, () => [write]);
    cache.policySet('carol', 1, () => [read, write]);

    cache.invalidatePrincipal('alice');
    expect(cache.peek('alice', 1)).toBeUndefined();
    expect(cache.peek('bob', 1)).toBeDefined();

    cache.invalidateDocument('write:v1');
    expect(cache.peek('bob', 1)).toBeUndefined();
    expect(cache.peek('carol', 1)).toBeUndefined();
    expect(cache.stats().documents).toBe(1);
    expect(cache.document('write:v1', WRITE, { policyName: 'Write', policyType: 'Custom' })).not.toBe(write);

    cache.policySet('dave', 1, () => [read]);
    cache.invalidateAll();
    expect(cache.stats()).toMatchObject({ principals: 0, documents: 0 });
  });

  it('evicts the least recently used principals beyond its bound', () => {
    const cache = new PolicyCache({ maxPrincipals: 2 });
    const read = cache.document('read:v1', READ, { policyName: 'Read', policyType: 'Custom' });
    cache.policySet('a', 1, () => [read]);
    cache.policySet('b', 1, () => [read]);
    cache.policySet('a', 1, () => [read]); // a is now the most recent
    cache.policySet('c', 1, () => [read]);
    expect(cache.peek('b', 1)).toBeUndefined();
    expect(cache.peek('a', 1)).toBeDefined();
    expect(cache.peek('c', 1)).toBeDefined();
    expect(cache.stats().principals).toBe(2);
  });
});
