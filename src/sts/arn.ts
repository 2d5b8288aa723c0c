import type { Caller } from '../iam/caller.js';

/** The ARN Alibaba shows for a caller: root, RAM user or assumed-role session. */
export function callerArn(caller: Caller): string {
  if (caller.principalType === 'root') return `acs:ram::${caller.accountId}:root`;
  if (caller.principalType === 'user') return `acs:ram::${caller.accountId}:user/${caller.principalName}`;
  return `acs:ram::${caller.accountId}:assumed-role/${caller.principalName.toLowerCase()}/${caller.sessionName ?? ''}`;
}

/** `acs:ram::<account>:role/<name>` → parts; undefined when malformed. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const m = /^acs:ram::(\d{16}):role\/([A-Za-z0-9.-]{1,64})$/i.exec(arn);
  return m ? { accountId: m[1]!, roleName: m[2]! } : undefined;
}
