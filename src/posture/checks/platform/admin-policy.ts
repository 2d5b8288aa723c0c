import type { PolicyRef, RamPolicyState, RamSnapshot } from '../../snapshot/snapshot.js';

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * Whether a RAM policy document allows every action on every resource (`"Action": "*"` or `"*:*"`
 * with `"Resource": "*"` in an Allow statement), as CIS §1.15 defines administrative privileges.
 */
export function grantsFullAdmin(document: unknown): boolean {
  if (typeof document !== 'object' || document === null) return false;
  return asList((document as { Statement?: unknown }).Statement).some((st) => {
    if (typeof st !== 'object' || st === null) return false;
    const { Effect, Action, Resource } = st as Record<string, unknown>;
    return Effect === 'Allow' && asList(Action).some((a) => a === '*' || a === '*:*') && asList(Resource).includes('*');
  });
}

/** The policies of `refs` that grant full administrative privileges. */
export function adminPolicies(ram: RamSnapshot, refs: readonly PolicyRef[]): RamPolicyState[] {
  return refs.map((r) => ram.policies.find((p) => p.name === r.name && p.type === r.type)).filter((p): p is RamPolicyState => p !== undefined && grantsFullAdmin(p.document));
}
