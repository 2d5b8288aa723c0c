import type { Caller } from '../iam/caller.js';
import { callerArn } from './arn.js';

export interface CallerIdentity {
  AccountId: string;
  Arn: string;
  IdentityType: 'Account' | 'RAMUser' | 'AssumedRoleUser';
  PrincipalId: string;
  UserId?: string;
  RoleId?: string;
}

export function getCallerIdentity(caller: Caller): CallerIdentity {
  const base = { AccountId: caller.accountId, Arn: callerArn(caller) };
  if (caller.principalType === 'root') return { ...base, IdentityType: 'Account', PrincipalId: caller.accountId, UserId: caller.accountId };
  if (caller.principalType === 'user') return { ...base, IdentityType: 'RAMUser', PrincipalId: caller.principalId, UserId: caller.principalId };
  return { ...base, IdentityType: 'AssumedRoleUser', PrincipalId: `${caller.principalId}:${caller.sessionName ?? ''}`, RoleId: caller.principalId };
}
