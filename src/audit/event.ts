/** ActionTrail-compatible event types. */
export type AuditEventType = 'ApiCall' | 'ConsoleOperation' | 'ConsoleSignin' | 'ConsoleSignout' | 'AliyunServiceEvent' | 'SystemEvent';

export interface UserIdentity {
  type: 'root-account' | 'ram-user' | 'assumed-role' | 'system' | 'anonymous';
  principalId: string;
  accountId: string;
  accessKeyId?: string;
  userName?: string;
  sessionName?: string;
}

/** What a caller supplies; ids, time and version are filled in by `append`. */
export interface AuditEventInput {
  eventName: string;
  eventSource: string;
  eventType: AuditEventType;
  eventRW: 'Read' | 'Write';
  requestId: string;
  apiVersion?: string;
  requestParameters?: Record<string, unknown>;
  responseElements?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  sourceIpAddress?: string;
  userAgent?: string;
  userIdentity: UserIdentity;
  /** The account whose resources the call touched (defaults to the caller's). */
  recipientAccountId?: string;
  /** Used by tests and imports only; normally the clock. */
  eventTime?: string;
}

/** A stored record, as ActionTrail shows it. */
export interface AuditEvent extends Omit<AuditEventInput, 'recipientAccountId' | 'eventTime'> {
  eventId: string;
  eventVersion: '1';
  eventTime: string;
  recipientAccountId: string;
}

export interface AuditRecord {
  event: AuditEvent;
  seq: number;
  prevHash: string;
  hash: string;
}
