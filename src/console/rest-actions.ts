import type { z } from 'zod';
import { output, type OutputSchema } from './output.js';

/** One console REST route backed by an OpenAPI action (same schema, authorization and audit). */
export interface RestAction {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** under /console/api; `:Name` segments become action input fields */
  path: string;
  product: 'Ram' | 'Kms';
  action: string;
  /** fixed input merged in (e.g. the policy type of a detach) */
  fixed?: Readonly<Record<string, string>>;
  /** output guard: the response must match (unknown keys stripped), secret fields refused unless revealed */
  output: OutputSchema;
  /** response fields that carry a secret shown to the caller once (the output guard refuses them elsewhere) */
  reveals?: readonly string[];
}

const r = (method: RestAction['method'], path: string, product: RestAction['product'], action: string, out: z.ZodType, extra: Partial<RestAction> = {}): RestAction => ({ method, path, product, action, output: out, ...extra });
const o = output;

/** Registry: the console's REST routes and the OpenAPI action each one runs. */
export const REST_ACTIONS: readonly RestAction[] = [
  // users
  r('GET', '/ram/users', 'Ram', 'ListUsers', o.list('Users', 'User', o.user)),
  r('POST', '/ram/users', 'Ram', 'CreateUser', o.obj({ User: o.user })),
  r('GET', '/ram/users/:UserName', 'Ram', 'GetUser', o.obj({ User: o.user })),
  r('PUT', '/ram/users/:UserName', 'Ram', 'UpdateUser', o.obj({ User: o.user })),
  r('DELETE', '/ram/users/:UserName', 'Ram', 'DeleteUser', o.empty),
  r('GET', '/ram/users/:UserName/login-profile', 'Ram', 'GetLoginProfile', o.obj({ LoginProfile: o.loginProfile })),
  r('POST', '/ram/users/:UserName/login-profile', 'Ram', 'CreateLoginProfile', o.obj({ LoginProfile: o.loginProfile })),
  r('PUT', '/ram/users/:UserName/login-profile', 'Ram', 'UpdateLoginProfile', o.loose),
  r('DELETE', '/ram/users/:UserName/login-profile', 'Ram', 'DeleteLoginProfile', o.empty),
  r('GET', '/ram/users/:UserName/groups', 'Ram', 'ListGroupsForUser', o.obj({ Groups: o.obj({ Group: o.array(o.group) }) })),
  r('GET', '/ram/users/:UserName/policies', 'Ram', 'ListPoliciesForUser', o.obj({ Policies: o.obj({ Policy: o.array(o.policy) }) })),
  r('POST', '/ram/users/:UserName/policies', 'Ram', 'AttachPolicyToUser', o.empty),
  r('DELETE', '/ram/users/:UserName/policies/:PolicyType/:PolicyName', 'Ram', 'DetachPolicyFromUser', o.empty),
  r('GET', '/ram/users/:UserName/access-keys', 'Ram', 'ListAccessKeys', o.obj({ AccessKeys: o.obj({ AccessKey: o.array(o.accessKey) }) })),
  r('POST', '/ram/users/:UserName/access-keys', 'Ram', 'CreateAccessKey', o.obj({ AccessKey: o.loose }), { reveals: ['AccessKeySecret'] }),
  r('PUT', '/ram/users/:UserName/access-keys/:UserAccessKeyId', 'Ram', 'UpdateAccessKey', o.empty),
  r('DELETE', '/ram/users/:UserName/access-keys/:UserAccessKeyId', 'Ram', 'DeleteAccessKey', o.empty),
  r('GET', '/ram/users/:UserName/access-keys/:UserAccessKeyId/last-used', 'Ram', 'GetAccessKeyLastUsed', o.obj({ AccessKeyLastUsed: o.loose })),
  r('GET', '/ram/users/:UserName/mfa', 'Ram', 'GetUserMFAInfo', o.obj({ MFADevice: o.loose })),
  r('POST', '/ram/users/:UserName/mfa', 'Ram', 'BindMFADevice', o.empty),
  r('DELETE', '/ram/users/:UserName/mfa', 'Ram', 'UnbindMFADevice', o.loose),
  // groups
  r('GET', '/ram/groups', 'Ram', 'ListGroups', o.list('Groups', 'Group', o.group)),
  r('POST', '/ram/groups', 'Ram', 'CreateGroup', o.obj({ Group: o.group })),
  r('GET', '/ram/groups/:GroupName', 'Ram', 'GetGroup', o.obj({ Group: o.group })),
  r('PUT', '/ram/groups/:GroupName', 'Ram', 'UpdateGroup', o.obj({ Group: o.group })),
  r('DELETE', '/ram/groups/:GroupName', 'Ram', 'DeleteGroup', o.empty),
  r('GET', '/ram/groups/:GroupName/users', 'Ram', 'ListUsersForGroup', o.list('Users', 'User', o.loose)),
  r('POST', '/ram/groups/:GroupName/users', 'Ram', 'AddUserToGroup', o.empty),
  r('DELETE', '/ram/groups/:GroupName/users/:UserName', 'Ram', 'RemoveUserFromGroup', o.empty),
  r('GET', '/ram/groups/:GroupName/policies', 'Ram', 'ListPoliciesForGroup', o.obj({ Policies: o.obj({ Policy: o.array(o.policy) }) })),
  r('POST', '/ram/groups/:GroupName/policies', 'Ram', 'AttachPolicyToGroup', o.empty),
  r('DELETE', '/ram/groups/:GroupName/policies/:PolicyType/:PolicyName', 'Ram', 'DetachPolicyFromGroup', o.empty),
  // roles
  r('GET', '/ram/roles', 'Ram', 'ListRoles', o.list('Roles', 'Role', o.role)),
  r('POST', '/ram/roles', 'Ram', 'CreateRole', o.obj({ Role: o.role })),
  r('GET', '/ram/roles/:RoleName', 'Ram', 'GetRole', o.obj({ Role: o.role })),
  r('PUT', '/ram/roles/:RoleName', 'Ram', 'UpdateRole', o.obj({ Role: o.role })),
  r('DELETE', '/ram/roles/:RoleName', 'Ram', 'DeleteRole', o.empty),
  r('GET', '/ram/roles/:RoleName/policies', 'Ram', 'ListPoliciesForRole', o.obj({ Policies: o.obj({ Policy: o.array(o.policy) }) })),
  r('POST', '/ram/roles/:RoleName/policies', 'Ram', 'AttachPolicyToRole', o.empty),
  r('DELETE', '/ram/roles/:RoleName/policies/:PolicyType/:PolicyName', 'Ram', 'DetachPolicyFromRole', o.empty),
  // policies
  r('GET', '/ram/policies', 'Ram', 'ListPolicies', o.list('Policies', 'Policy', o.policy)),
  r('POST', '/ram/policies', 'Ram', 'CreatePolicy', o.obj({ Policy: o.policy })),
  r('GET', '/ram/policies/:PolicyType/:PolicyName', 'Ram', 'GetPolicy', o.obj({ Policy: o.policy, DefaultPolicyVersion: o.policyVersion.optional() })),
  r('PUT', '/ram/policies/Custom/:PolicyName', 'Ram', 'UpdatePolicyDescription', o.obj({ Policy: o.policy })),
  r('DELETE', '/ram/policies/Custom/:PolicyName', 'Ram', 'DeletePolicy', o.empty),
  r('GET', '/ram/policies/:PolicyType/:PolicyName/versions', 'Ram', 'ListPolicyVersions', o.obj({ PolicyVersions: o.obj({ PolicyVersion: o.array(o.policyVersion) }) })),
  r('POST', '/ram/policies/Custom/:PolicyName/versions', 'Ram', 'CreatePolicyVersion', o.obj({ PolicyVersion: o.policyVersion })),
  r('GET', '/ram/policies/:PolicyType/:PolicyName/versions/:VersionId', 'Ram', 'GetPolicyVersion', o.obj({ PolicyVersion: o.policyVersion })),
  r('DELETE', '/ram/policies/Custom/:PolicyName/versions/:VersionId', 'Ram', 'DeletePolicyVersion', o.empty),
  r('POST', '/ram/policies/Custom/:PolicyName/versions/:VersionId/default', 'Ram', 'SetDefaultPolicyVersion', o.empty),
  r('GET', '/ram/policies/:PolicyType/:PolicyName/entities', 'Ram', 'ListEntitiesForPolicy', o.obj({ Users: o.obj({ User: o.array(o.loose) }), Groups: o.obj({ Group: o.array(o.loose) }), Roles: o.obj({ Role: o.array(o.loose) }) })),
  // MFA devices and settings
  r('GET', '/ram/mfa-devices', 'Ram', 'ListVirtualMFADevices', o.obj({ VirtualMFADevices: o.obj({ VirtualMFADevice: o.array(o.loose) }) })),
  r('DELETE', '/ram/mfa-devices/:SerialNumber', 'Ram', 'DeleteVirtualMFADevice', o.empty),
  r('GET', '/ram/password-policy', 'Ram', 'GetPasswordPolicy', o.obj({ PasswordPolicy: o.loose })),
  r('PUT', '/ram/password-policy', 'Ram', 'SetPasswordPolicy', o.obj({ PasswordPolicy: o.loose })),
  r('GET', '/ram/security-preference', 'Ram', 'GetSecurityPreference', o.obj({ SecurityPreference: o.loose })),
  r('PUT', '/ram/security-preference', 'Ram', 'SetSecurityPreference', o.obj({ SecurityPreference: o.loose })),
  // KMS keys
  r('GET', '/kms/keys', 'Kms', 'ListKeys', o.paged('Keys', 'Key')),
  r('POST', '/kms/keys', 'Kms', 'CreateKey', o.obj({ KeyMetadata: o.keyMetadata })),
  r('GET', '/kms/keys/:KeyId', 'Kms', 'DescribeKey', o.obj({ KeyMetadata: o.keyMetadata })),
  r('PUT', '/kms/keys/:KeyId/description', 'Kms', 'UpdateKeyDescription', o.empty),
  r('POST', '/kms/keys/:KeyId/enable', 'Kms', 'EnableKey', o.empty),
  r('POST', '/kms/keys/:KeyId/disable', 'Kms', 'DisableKey', o.empty),
  r('POST', '/kms/keys/:KeyId/deletion', 'Kms', 'ScheduleKeyDeletion', o.empty),
  r('DELETE', '/kms/keys/:KeyId/deletion', 'Kms', 'CancelKeyDeletion', o.empty),
  r('PUT', '/kms/keys/:KeyId/rotation', 'Kms', 'UpdateRotationPolicy', o.empty),
  r('GET', '/kms/keys/:KeyId/versions', 'Kms', 'ListKeyVersions', o.paged('KeyVersions', 'KeyVersion')),
  r('POST', '/kms/keys/:KeyId/versions', 'Kms', 'CreateKeyVersion', o.obj({ KeyVersion: o.loose })),
  r('GET', '/kms/keys/:KeyId/aliases', 'Kms', 'ListAliasesByKeyId', o.paged('Aliases', 'Alias')),
  r('GET', '/kms/aliases', 'Kms', 'ListAliases', o.paged('Aliases', 'Alias')),
  r('POST', '/kms/aliases', 'Kms', 'CreateAlias', o.empty),
  r('PUT', '/kms/aliases', 'Kms', 'UpdateAlias', o.empty),
  r('DELETE', '/kms/aliases', 'Kms', 'DeleteAlias', o.empty),
  // secrets
  r('GET', '/kms/secrets', 'Kms', 'ListSecrets', o.paged('SecretList', 'Secret')),
  r('POST', '/kms/secrets', 'Kms', 'CreateSecret', o.loose),
  r('GET', '/kms/secrets/:SecretName', 'Kms', 'DescribeSecret', o.loose),
  r('DELETE', '/kms/secrets/:SecretName', 'Kms', 'DeleteSecret', o.loose),
  r('POST', '/kms/secrets/:SecretName/restore', 'Kms', 'RestoreSecret', o.loose),
  r('GET', '/kms/secrets/:SecretName/versions', 'Kms', 'ListSecretVersionIds', o.paged('VersionIds', 'VersionId')),
  r('POST', '/kms/secrets/:SecretName/versions', 'Kms', 'PutSecretValue', o.loose),
  r('PUT', '/kms/secrets/:SecretName/stages', 'Kms', 'UpdateSecretVersionStage', o.loose),
  // reveal: a POST (CSRF-checked), after the console's confirmation
  r('POST', '/kms/secrets/:SecretName/value', 'Kms', 'GetSecretValue', o.loose, { reveals: ['SecretData'] }),
];
