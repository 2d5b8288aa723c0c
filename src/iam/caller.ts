import type { AuditEventInput, UserIdentity } from '../audit/event.js';

/** Who is calling, as every service sees it: established by the front door or the console. */
export interface Caller {
  accountId: string;
  principalType: 'root' | 'user' | 'role';
  /** user id, role id, or the account id for root */
  principalId: string;
  /** user name, role name, or `root` */
  principalName: string;
  accessKeyId?: string;
  /** STS session name for assumed roles */
  sessionName?: string;
  /** STS session policy document (JSON): intersected with the role's policies */
  sessionPolicy?: string;
  sourceIp: string;
  secureTransport: boolean;
  mfaPresent: boolean;
  userAgent?: string;
  requestId: string;
}

/** A caller for operations Bulwark performs itself (init, schedulers). */
export function systemCaller(accountId: string, requestId: string): Caller {
  return { accountId, principalType: 'root', principalId: accountId, principalName: 'system', sourceIp: '127.0.0.1', secureTransport: true, mfaPresent: true, requestId };
}

/** The ActionTrail `userIdentity` of a caller. */
export function userIdentityOf(caller: Caller): UserIdentity {
  const type = caller.principalType === 'root' ? 'root-account' : caller.principalType === 'user' ? 'ram-user' : 'assumed-role';
  return {
    type,
    principalId: caller.principalId,
    accountId: caller.accountId,
    ...(caller.accessKeyId ? { accessKeyId: caller.accessKeyId } : {}),
    ...(caller.principalType !== 'root' ? { userName: caller.principalName } : {}),
    ...(caller.sessionName ? { sessionName: caller.sessionName } : {}),
  };
}

/** The audit record of a write a caller made through an API (request id, source, agent, identity filled in). */
export function callerWrite(caller: Caller, eventSource: string, eventName: string, requestParameters: Record<string, unknown>): AuditEventInput {
  return {
    eventName,
    eventSource,
    eventType: 'ApiCall',
    eventRW: 'Write',
    requestId: caller.requestId,
    requestParameters,
    sourceIpAddress: caller.sourceIp,
    ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
    userIdentity: userIdentityOf(caller),
  };
}
