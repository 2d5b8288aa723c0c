import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { Sealer } from '../core/sealer.js';
import type { Caller } from './caller.js';
import type { AuthorizationResult } from './policy/index.js';
import type { IamContext } from './context.js';

/**
 * Encoded diagnostic messages: the details of an access denial (action, resource, principal, the
 * policy type that denied) sealed with the server's root key and bound to the account, so only that
 * account can decode them with DecodeDiagnosticMessage. Format: `bw1.` + the sealed JSON.
 */
const PREFIX = 'bw1.';
const context = (accountId: string): string => `iam/diagnostic/${accountId}`;

export const diagnosticSchema = z.object({
  AuthAction: z.string(),
  AuthResource: z.string(),
  ExplicitDeny: z.boolean(),
  NoPermissionPolicyType: z.string(),
  AuthPrincipal: z.object({ AuthPrincipalType: z.string(), AuthPrincipalOwnerId: z.string(), AuthPrincipalDisplayName: z.string() }),
  AuthConditions: z.array(z.object({ ConditionKey: z.string(), ConditionValues: z.array(z.string()) })),
  MatchedPolicies: z.array(
    z.object({ PolicyIdentifier: z.string(), PolicyType: z.string(), PolicyVersion: z.string(), Effect: z.string(), AttachedEntityType: z.string(), AttachedScope: z.string() }),
  ),
});
export type DiagnosticMessage = z.infer<typeof diagnosticSchema>;

export function encodeDiagnosticMessage(sealer: Sealer, accountId: string, message: DiagnosticMessage): string {
  return PREFIX + sealer.seal(JSON.stringify(message), context(accountId));
}

/** Decodes a message of the caller's account; anything else (another account's, tampered, foreign) is InvalidParameter. */
export function decodeDiagnosticMessage(ctx: IamContext, input: { EncodedDiagnosticMessage: string }): DiagnosticMessage {
  const invalid = (): never => {
    throw new BulwarkError('InvalidParameter', { field: 'EncodedDiagnosticMessage', reason: 'is not a diagnostic message issued to this account' });
  };
  const text = input.EncodedDiagnosticMessage;
  if (!text.startsWith(PREFIX)) return invalid();
  let json: string;
  try {
    json = ctx.sealer.open(text.slice(PREFIX.length), context(ctx.caller.accountId));
  } catch {
    return invalid();
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return invalid();
  }
  const parsed = diagnosticSchema.safeParse(raw);
  return parsed.success ? parsed.data : invalid();
}

/**
 * The diagnostic message of a denial, ready for `encodeDiagnosticMessage` — for the front door to put
 * into `AccessDeniedDetail.EncodedDiagnosticMessage` of a `NoPermission` error.
 */
export function diagnosticFromDenial(result: AuthorizationResult, caller: Caller): DiagnosticMessage | undefined {
  if (!result.denied) return undefined;
  const matched = result.matched;
  return {
    AuthAction: result.denied.AuthAction,
    AuthResource: result.denied.AuthResource,
    ExplicitDeny: result.denied.NoPermissionType === 'ExplicitDeny',
    NoPermissionPolicyType: result.denied.PolicyType,
    AuthPrincipal: {
      AuthPrincipalType: caller.principalType === 'user' ? 'SubUser' : caller.principalType === 'role' ? 'AssumedRoleUser' : 'Account',
      AuthPrincipalOwnerId: caller.accountId,
      AuthPrincipalDisplayName: caller.principalType === 'root' ? caller.accountId : caller.principalName,
    },
    AuthConditions: [
      { ConditionKey: 'acs:SourceIp', ConditionValues: [caller.sourceIp] },
      { ConditionKey: 'acs:SecureTransport', ConditionValues: [String(caller.secureTransport)] },
      { ConditionKey: 'acs:MFAPresent', ConditionValues: [String(caller.mfaPresent)] },
    ],
    MatchedPolicies: matched
      ? [{ PolicyIdentifier: matched.policyName, PolicyType: matched.policyType, PolicyVersion: matched.versionId ?? '', Effect: matched.effect, AttachedEntityType: '', AttachedScope: '' }]
      : [],
  };
}
