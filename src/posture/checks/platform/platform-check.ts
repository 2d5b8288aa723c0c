import type { Check, CheckResult, CheckStatus, ResourceRef } from '../../check.js';
import type { PlatformSnapshot, Section } from '../../snapshot/snapshot.js';

/** A check over the platform's live state. */
export type PlatformCheck = Check<PlatformSnapshot>;

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (ISO strings), rounded down. */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

export function result(checkId: string, status: CheckStatus, resource: ResourceRef, message: string, evidence: Record<string, unknown> = {}): CheckResult {
  return { checkId, status, resource, message, evidence };
}

export const accountRef = (s: PlatformSnapshot): ResourceRef => ({ id: `bulwark:account/${s.accountId}`, type: 'bulwark:account' });
export const userRef = (name: string): ResourceRef => ({ id: `bulwark:ram-user/${name}`, type: 'bulwark:ram-user' });
export const passwordPolicyRef = (s: PlatformSnapshot): ResourceRef => ({ id: `bulwark:ram-password-policy/${s.accountId}`, type: 'bulwark:ram-password-policy' });

/** One not-applicable result when a whole kind of resource is absent or unavailable. */
export function notApplicable(checkId: string, resource: ResourceRef, reason: string): CheckResult[] {
  return [result(checkId, 'not_applicable', resource, reason, { reason })];
}

/** Evaluates `each` over a section's items; unavailable or empty sections are not applicable. */
export function overSection<T>(checkId: string, section: Section<T>, kind: string, each: (item: T) => CheckResult): CheckResult[] {
  const ref: ResourceRef = { id: `bulwark:${kind}/*`, type: `bulwark:${kind}` };
  if (!section.available) return notApplicable(checkId, ref, section.reason);
  if (section.items.length === 0) return notApplicable(checkId, ref, `no ${kind} found in ${section.source}`);
  return section.items.map(each);
}
