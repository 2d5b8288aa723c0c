import type { AuditEvent as StoredAuditEvent } from '../../../src/audit/event.js';

/** Shapes of the console API's answers (the server's output guards fix them). */

export type NextStep = 'mfa' | 'mfa_bind' | 'password_change' | 'active';

export interface Session {
  id: string;
  accountId: string;
  userName: string;
  nextStep: NextStep;
  mfa: boolean;
  createdAt: string;
  expiresAt: string;
  sourceIp: string;
  userAgent: string;
}

export interface Me {
  session: Session;
  principal: { type: string; name: string };
  /** whether the user has an MFA device (else the console offers to set one up) */
  mfaBound: boolean;
  can: Record<string, boolean>;
}

export interface RamList<K extends string, T> {
  IsTruncated: boolean;
  Marker: string;
  [key: string]: unknown;
  _?: Record<K, T[]>;
}

export interface User {
  UserId: string;
  UserName: string;
  DisplayName: string;
  Email: string;
  MobilePhone: string;
  Comments: string;
  CreateDate: string;
  UpdateDate: string;
  LastLoginDate?: string;
}

export interface Group {
  GroupName: string;
  GroupId?: string;
  Comments: string;
  CreateDate: string;
  JoinDate?: string;
}

export interface Role {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Description: string;
  AssumeRolePolicyDocument?: string;
  MaxSessionDuration: number;
  CreateDate: string;
}

export interface Policy {
  PolicyName: string;
  PolicyType: 'System' | 'Custom';
  Description: string;
  DefaultVersion: string;
  AttachmentCount?: number;
  CreateDate: string;
  UpdateDate?: string;
  AttachDate?: string;
}

export interface PolicyVersion {
  VersionId: string;
  IsDefaultVersion: boolean;
  PolicyDocument?: string;
  CreateDate: string;
}

export interface AccessKey {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  AccessKeySecret?: string;
}

/** An audit trail record as the server stores it, with its sequence number in the account's chain. */
export type AuditEvent = StoredAuditEvent & { seq: number };

export interface KeyMetadata {
  KeyId: string;
  Arn: string;
  KeyState: string;
  KeySpec: string;
  KeyUsage: string;
  Description: string;
  CreationDate: string;
  DeleteDate?: string;
  AutomaticRotation?: string;
  RotationInterval?: string;
  LastRotationDate?: string;
  PrimaryKeyVersion?: string;
  ProtectionLevel?: string;
}
