import type { PolicyScalar } from './conditions/operator.js';

/** The longest policy document RAM accepts, in characters of the document as sent (CreatePolicy, CreatePolicyVersion). */
export const MAX_POLICY_DOCUMENT_LENGTH = 6144;

export type PolicyEffect = 'Allow' | 'Deny';

/**
 * What a document is used for: `identity` policies (attached to users, groups, roles, or passed as an
 * STS session policy) need Resource/NotResource and may not name a Principal; `trust` policies (a
 * role's AssumeRolePolicyDocument) need a Principal and need no Resource.
 */
export type PolicyKind = 'identity' | 'trust';

/** Principal element of a trust policy: `RAM` (account or role ARNs), `Service` (`ecs.aliyuncs.com`), `Federated` (IdP ARNs). */
export type PrincipalType = 'RAM' | 'Service' | 'Federated';

/**
 * One statement, normalised: every string-or-array element is an array, condition values are arrays.
 * Exactly one of Action/NotAction is set; for identity policies exactly one of Resource/NotResource.
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: PolicyEffect;
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Principal?: Readonly<Partial<Record<PrincipalType, readonly string[]>>>;
  /** operator → key (as written) → values */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly PolicyScalar[]>>>>;
}

/** A validated, normalised RAM policy document. */
export interface PolicyDocument {
  readonly Version: '1';
  readonly Statement: readonly PolicyStatement[];
}
