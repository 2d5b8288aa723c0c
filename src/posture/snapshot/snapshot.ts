import type { PasswordPolicy, SecurityPreference } from '../../iam/settings.js';

/**
 * A read-only picture of the platform's live state, taken once per report and then evaluated by
 * the pure platform checks (`checks/platform/`). Times are ISO 8601 UTC strings.
 */
export interface PlatformSnapshot {
  accountId: string;
  /** when the snapshot was taken; ages (AccessKeys, last sign-in) are measured against it */
  takenAt: string;
  ram: RamSnapshot;
  kms: KmsSnapshot;
  sites: Section<SiteState>;
  hosts: Section<HostState>;
  alerts: Section<AlertState>;
}

/** A part of the state that may be unavailable (then its checks are not applicable, with the reason). */
export type Section<T> = { available: true; source: string; items: readonly T[] } | { available: false; reason: string };

export interface AccessKeyState {
  id: string;
  status: 'Active' | 'Inactive';
  createdAt: string;
  lastUsedAt: string | null;
}

export interface PolicyRef {
  name: string;
  type: 'System' | 'Custom';
}

export interface RamUserState {
  id: string;
  name: string;
  createdAt: string;
  lastLoginAt: string | null;
  /** console password (login profile); null when the user cannot sign in to the console */
  console: { createdAt: string; mfaBindRequired: boolean } | null;
  /** the bound and activated virtual MFA device */
  mfa: { serialNumber: string; activatedAt: string } | null;
  accessKeys: readonly AccessKeyState[];
  groups: readonly string[];
  /** policies attached to the user directly */
  policies: readonly PolicyRef[];
}

export interface RamGroupState {
  id: string;
  name: string;
  policies: readonly PolicyRef[];
}

export interface RamPolicyState extends PolicyRef {
  defaultVersion: string;
  /** the default version's document, parsed (or the raw text when it is not JSON) */
  document: unknown;
}

export interface RamSnapshot {
  root: { accessKeys: readonly AccessKeyState[] };
  users: readonly RamUserState[];
  groups: readonly RamGroupState[];
  /** custom policies of the account plus every system policy attached to something */
  policies: readonly RamPolicyState[];
  passwordPolicy: PasswordPolicy;
  securityPreference: SecurityPreference;
}

export interface KmsKeyState {
  id: string;
  region: string;
  keySpec: string;
  /** symmetric keys can rotate automatically; asymmetric ones cannot */
  symmetric: boolean;
  state: string;
  automaticRotation: 'Enabled' | 'Disabled' | string;
  rotationIntervalSeconds: number | null;
  lastRotationAt: string | null;
  deleteAt: string | null;
  createdAt: string;
}

export interface KmsSnapshot {
  keys: readonly KmsKeyState[];
}

export interface SiteState {
  name: string;
  hosts: readonly string[];
  /** listeners the site is served on; null for managed sites (listeners belong to each gateway) */
  listeners: readonly { address: string; tls: boolean }[] | null;
  /** site certificates (SNI) */
  certificates: number;
  httpsRedirect: boolean;
  hsts: boolean;
  wafMode: 'off' | 'detect' | 'block';
  rateLimits: number;
}

export interface HostState {
  id: string;
  name: string;
  /** failed baseline items; null when the host has not reported a baseline scan */
  baselineFailures: readonly { policy: string; id: string; title: string }[] | null;
  /** critical vulnerabilities; null when no vulnerability data is stored for the host */
  criticalVulnerabilities: readonly { id: string; package: string }[] | null;
}

export interface AlertState {
  id: string;
  title: string;
  severity: number;
  status: string;
  ruleId: string;
  createdAt: string;
}

/** Alert severities (0–100) at or above this count as critical (sigma `critical` = 100, `high` = 75). */
export const CRITICAL_ALERT_SEVERITY = 90;
