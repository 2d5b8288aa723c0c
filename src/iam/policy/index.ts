/** The RAM policy engine: parse, compile, authorize, cache. Transport-free and storage-free. */
export { MAX_POLICY_DOCUMENT_LENGTH, type PolicyDocument, type PolicyEffect, type PolicyKind, type PolicyStatement, type PrincipalType } from './document.js';
export { parsePolicyDocument, formatPolicyPath, type ParseOptions } from './parse.js';
export { compilePolicy, type CompiledPolicy, type CompiledStatement, type MatchedStatement, type PolicyMeta, type RequestPrincipal } from './compile.js';
export { CompiledPolicySet, compilePolicySet } from './policy-set.js';
export {
  authorize,
  toPolicySet,
  type AccessDeniedInfo,
  type AuthorizationPolicies,
  type AuthorizationRequest,
  type AuthorizationResult,
  type Decision,
  type DeniedPolicyType,
  type PolicySetLike,
} from './authorize.js';
export { GLOBAL_KEYS, requestContext, type ContextScalar, type ContextValue, type RequestContext, type RequestContextInput } from './context.js';
export { PolicyCache, type PolicyCacheOptions } from './cache.js';
export { CONDITION_OPERATORS } from './conditions/registry.js';
export type { ConditionOperator, PolicyScalar } from './conditions/operator.js';
