import { DEFAULT_PASSWORD_POLICY, DEFAULT_SECURITY_PREFERENCE } from '../../../iam/settings.js';
import type { AccessKeyState, KmsKeyState, PlatformSnapshot, RamUserState, SiteState } from '../snapshot.js';

export const TAKEN_AT = '2026-06-01T00:00:00.000Z';

/** An ISO time `days` before the snapshot. */
export const daysAgo = (days: number): string => new Date(Date.parse(TAKEN_AT) - days * 86_400_000).toISOString();

/** An empty, fully available snapshot: no users, keys, sites, hosts or alerts. */
export function emptySnapshot(): PlatformSnapshot {
  return {
    accountId: '1000000000000001',
    takenAt: TAKEN_AT,
    ram: { root: { accessKeys: [] }, users: [], groups: [], policies: [], passwordPolicy: { ...DEFAULT_PASSWORD_POLICY }, securityPreference: structuredClone(DEFAULT_SECURITY_PREFERENCE) },
    kms: { keys: [] },
    sites: { available: true, source: 'test.yaml', items: [] },
    hosts: { available: true, source: 'test', items: [] },
    alerts: { available: true, source: 'test', items: [] },
  };
}

export function key(id: string, overrides: Partial<AccessKeyState> = {}): AccessKeyState {
  return { id, status: 'Active', createdAt: daysAgo(10), lastUsedAt: daysAgo(1), ...overrides };
}

export function user(name: string, overrides: Partial<RamUserState> = {}): RamUserState {
  return { id: `u-${name}`, name, createdAt: daysAgo(30), lastLoginAt: null, console: null, mfa: null, accessKeys: [], groups: [], policies: [], ...overrides };
}

export const consoleAccess = { createdAt: daysAgo(30), mfaBindRequired: false };

export function kmsKey(id: string, overrides: Partial<KmsKeyState> = {}): KmsKeyState {
  return { id, region: 'cn-hangzhou', keySpec: 'Aliyun_AES_256', symmetric: true, state: 'Enabled', automaticRotation: 'Enabled', rotationIntervalSeconds: 365 * 86_400, lastRotationAt: null, deleteAt: null, createdAt: daysAgo(5), ...overrides };
}

export function site(name: string, overrides: Partial<SiteState> = {}): SiteState {
  return { name, hosts: ['*'], listeners: [{ address: '0.0.0.0:443', tls: true }], certificates: 0, httpsRedirect: false, hsts: true, wafMode: 'block', rateLimits: 1, ...overrides };
}

/** The snapshot with changes applied by `edit`. */
export function snapshotWith(edit: (s: PlatformSnapshot) => void): PlatformSnapshot {
  const s = emptySnapshot();
  edit(s);
  return s;
}

/** `resource id → status` of a check's results, for compact assertions. */
export function outcomes(check: { evaluate(s: PlatformSnapshot): readonly { resource: { id: string }; status: string }[] }, s: PlatformSnapshot): Record<string, string> {
  return Object.fromEntries(check.evaluate(s).map((r) => [r.resource.id, r.status]));
}
