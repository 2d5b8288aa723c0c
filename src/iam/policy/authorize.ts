import { conditionsHold, principalMatches, type CompiledPolicy, type CompiledStatement, type MatchedStatement, type RequestPrincipal } from './compile.js';
import type { RequestContext } from './context.js';
import { CompiledPolicySet, type Candidates } from './policy-set.js';
import type { ResourceIndex } from './resource-index.js';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/**
 * Which policy layer denied, as Alibaba's `AccessDeniedDetail.PolicyType` names it. Identity
 * policies of users, groups and roles are `AccountLevelIdentityBasedPolicy`; an STS session policy is
 * `SessionPolicy`; a role's trust policy is `AssumeRolePolicy` (pass it as `identityPolicyType`).
 */
export type DeniedPolicyType = 'AccountLevelIdentityBasedPolicy' | 'SessionPolicy' | 'AssumeRolePolicy';

/**
 * The part of Alibaba's `NoPermission` → `AccessDeniedDetail` the engine knows. The caller adds
 * `AuthPrincipalType`, `AuthPrincipalOwnerId`, `AuthPrincipalDisplayName` (and an
 * `EncodedDiagnosticMessage` if it implements one).
 */
export interface AccessDeniedInfo {
  readonly AuthAction: string;
  readonly AuthResource: string;
  readonly PolicyType: DeniedPolicyType;
  readonly NoPermissionType: 'ImplicitDeny' | 'ExplicitDeny';
}

export interface AuthorizationResult {
  readonly decision: Decision;
  readonly allowed: boolean;
  /** the deciding statement: the identity Allow that granted, or the Deny that refused; absent for implicit deny and root */
  readonly matched?: MatchedStatement;
  /** true when allowed because the principal is the account's root identity */
  readonly root?: boolean;
  /** set on every denial */
  readonly denied?: AccessDeniedInfo;
}

/** A request as the authorizer sees it. */
export interface AuthorizationRequest {
  /** `<service>:<Action>`, e.g. `ram:CreateUser` (matched case-insensitively) */
  readonly action: string;
  /** the resource ARN(s); with several, every one must be allowed */
  readonly resource: string | readonly string[];
  /** condition keys (see `requestContext`); treated as immutable */
  readonly context?: RequestContext;
  /** only for trust policies (statements with a Principal) */
  readonly principal?: RequestPrincipal;
}

export type PolicySetLike = CompiledPolicySet | readonly CompiledPolicy[];

export interface AuthorizationPolicies {
  /** every policy attached to the principal (user + its groups, or the role) */
  readonly identity: PolicySetLike;
  /** the STS session policy, if the credentials carry one: the result is the intersection */
  readonly session?: PolicySetLike;
  /** the account's root identity: identity policies are not consulted (Alibaba grants root everything in its account) */
  readonly isRoot?: boolean;
  /** AccessDeniedDetail.PolicyType reported for the identity layer; default `AccountLevelIdentityBasedPolicy` */
  readonly identityPolicyType?: DeniedPolicyType;
}

const asSetMemo = new WeakMap<readonly CompiledPolicy[], CompiledPolicySet>();
const singleSetMemo = new WeakMap<CompiledPolicy, CompiledPolicySet>();

/**
 * Arrays are indexed once and remembered per array object (a one-policy array per policy); pass a
 * CompiledPolicySet (e.g. from PolicyCache) to control that yourself.
 */
export function toPolicySet(policies: PolicySetLike): CompiledPolicySet {
  if (policies instanceof CompiledPolicySet) return policies;
  if (policies.length === 1) {
    // `[sessionPolicy]` is often a fresh array per request: remember the set by the policy itself
    const only = policies[0]!;
    let single = singleSetMemo.get(only);
    if (single === undefined) {
      single = new CompiledPolicySet([only]);
      singleSetMemo.set(only, single);
    }
    return single;
  }
  let set = asSetMemo.get(policies);
  if (set === undefined) {
    set = new CompiledPolicySet(policies);
    asSetMemo.set(policies, set);
  }
  return set;
}

/** Reused between calls (authorize is synchronous and never re-entered); only the first `n` slots are live. */
const scratch: CompiledStatement[] = [];

/**
 * A statement of `index` that matches resource, principal and conditions. Candidates are tried in
 * index order: statements with `*` resources, then by ARN prefix from the shortest, each group in
 * policy order.
 */
function firstMatch(index: ResourceIndex<CompiledStatement> | null, resource: string, request: AuthorizationRequest): MatchedStatement | undefined {
  if (index === null) return undefined;
  const n = index.collect(resource, scratch, 0);
  for (let i = 0; i < n; i++) {
    const s = scratch[i]!;
    if (s.principal !== null && !principalMatches(s, request.principal)) continue;
    if (s.conditions.length > 0 && !conditionsHold(s.conditions, request.context)) continue;
    return s.matched;
  }
  return undefined;
}

const ROOT_ALLOW: AuthorizationResult = Object.freeze({ decision: 'Allow', allowed: true, root: true });
const allowResults = new WeakMap<MatchedStatement, AuthorizationResult>();

function allowResult(matched: MatchedStatement | undefined): AuthorizationResult {
  if (matched === undefined) return ROOT_ALLOW;
  let r = allowResults.get(matched);
  if (r === undefined) {
    r = Object.freeze({ decision: 'Allow', allowed: true, matched });
    allowResults.set(matched, r);
  }
  return r;
}

function deny(request: AuthorizationRequest, resource: string, policyType: DeniedPolicyType, matched: MatchedStatement | undefined): AuthorizationResult {
  const explicit = matched !== undefined;
  const denied: AccessDeniedInfo = { AuthAction: request.action, AuthResource: resource, PolicyType: policyType, NoPermissionType: explicit ? 'ExplicitDeny' : 'ImplicitDeny' };
  return explicit ? { decision: 'ExplicitDeny', allowed: false, matched, denied } : { decision: 'ImplicitDeny', allowed: false, denied };
}

/**
 * Decides one request. Order: an explicit Deny in the identity or session layer wins; otherwise the
 * identity layer (skipped for root) and, when present, the session layer must each hold an Allow
 * that matches action, every resource, principal (trust policies) and all conditions; anything
 * else is an implicit deny.
 */
export function authorize(request: AuthorizationRequest, policies: AuthorizationPolicies): AuthorizationResult {
  const identityType = policies.identityPolicyType ?? 'AccountLevelIdentityBasedPolicy';
  const identity = policies.isRoot === true ? undefined : toPolicySet(policies.identity).candidates(request.action);
  const session = policies.session === undefined ? undefined : toPolicySet(policies.session).candidates(request.action);
  const resource = request.resource;
  if (typeof resource === 'string') return decide(request, resource, identity, session, identityType);
  if (resource.length === 0) return deny(request, '', identityType, undefined);
  // several resources: any explicit deny wins over an implicit one; all must be allowed
  for (const r of resource) {
    if (identity !== undefined) {
      const m = firstMatch(identity.deny, r, request);
      if (m !== undefined) return deny(request, r, identityType, m);
    }
    if (session !== undefined) {
      const m = firstMatch(session.deny, r, request);
      if (m !== undefined) return deny(request, r, 'SessionPolicy', m);
    }
  }
  let result: AuthorizationResult | undefined;
  for (const r of resource) {
    const one = decide(request, r, identity, session, identityType);
    if (!one.allowed) return one;
    result ??= one;
  }
  return result!;
}

function decide(request: AuthorizationRequest, resource: string, identity: Candidates | undefined, session: Candidates | undefined, identityType: DeniedPolicyType): AuthorizationResult {
  if (identity !== undefined) {
    const m = firstMatch(identity.deny, resource, request);
    if (m !== undefined) return deny(request, resource, identityType, m);
  }
  if (session !== undefined) {
    const m = firstMatch(session.deny, resource, request);
    if (m !== undefined) return deny(request, resource, 'SessionPolicy', m);
  }
  let granted: MatchedStatement | undefined;
  if (identity !== undefined) {
    granted = firstMatch(identity.allow, resource, request);
    if (granted === undefined) return deny(request, resource, identityType, undefined);
  }
  if (session !== undefined && firstMatch(session.allow, resource, request) === undefined) return deny(request, resource, 'SessionPolicy', undefined);
  return allowResult(granted);
}
