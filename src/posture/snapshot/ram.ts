import type { IamContext } from '../../iam/context.js';
import { getPasswordPolicy, getSecurityPreference } from '../../iam/settings.js';
import type { IamTables } from '../../iam/tables.js';
import { groupBy } from '../group-by.js';
import type { AccessKeyState, PolicyRef, RamPolicyState, RamSnapshot } from './snapshot.js';

type KeyRow = IamTables['iam_access_keys'];

function keyState(r: KeyRow): AccessKeyState {
  return { id: r.id, status: r.status, createdAt: r.created_at, lastUsedAt: r.last_used_at };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads the caller's account RAM state (read-only): users, keys, MFA, groups, attachments, policies, settings. */
export async function readRam(ctx: IamContext): Promise<RamSnapshot> {
  const { db } = ctx;
  const { accountId } = ctx.caller;
  const [users, profiles, devices, keys, groups, members, attachments, policies] = await Promise.all([
    db.selectFrom('iam_users').selectAll().where('account_id', '=', accountId).orderBy('name').execute(),
    db.selectFrom('iam_login_profiles').selectAll().where('account_id', '=', accountId).execute(),
    db.selectFrom('iam_mfa_devices').selectAll().where('account_id', '=', accountId).where('user_id', 'is not', null).execute(),
    db.selectFrom('iam_access_keys').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('iam_groups').selectAll().where('account_id', '=', accountId).orderBy('name').execute(),
    db.selectFrom('iam_group_members').selectAll().where('account_id', '=', accountId).execute(),
    db.selectFrom('iam_attachments').selectAll().where('account_id', '=', accountId).execute(),
    db.selectFrom('iam_policies').selectAll().where((eb) => eb.or([eb('account_id', '=', accountId), eb('account_id', '=', '*')])).orderBy('name').execute(),
  ]);
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const attachmentsOf = groupBy(attachments, (a) => `${a.principal_type}/${a.principal_id}`);
  const attachedTo = (type: 'User' | 'Group' | 'Role', id: string): PolicyRef[] =>
    (attachmentsOf.get(`${type}/${id}`) ?? [])
      .map((a) => policyById.get(a.policy_id))
      .filter((p) => p !== undefined)
      .map((p) => ({ name: p.name, type: p.type }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const attachedIds = new Set(attachments.map((a) => a.policy_id));
  const wanted = policies.filter((p) => p.type === 'Custom' || attachedIds.has(p.id));
  const versions = wanted.length === 0 ? [] : await db.selectFrom('iam_policy_versions').selectAll().where('policy_id', 'in', wanted.map((p) => p.id)).execute();
  const documentOf = new Map(versions.map((v) => [`${v.policy_id}/${v.version_id}`, v.document]));
  const policyStates: RamPolicyState[] = wanted.map((p) => ({ name: p.name, type: p.type, defaultVersion: p.default_version, document: parseJson(documentOf.get(`${p.id}/${p.default_version}`) ?? 'null') }));

  const profileOf = new Map(profiles.map((p) => [p.user_id, p]));
  const deviceOf = new Map(devices.filter((d) => d.activated_at !== null).map((d) => [d.user_id, d]));
  const keysOf = groupBy(keys, (k) => k.user_id ?? '');
  const groupsOf = groupBy(members, (m) => m.user_id);
  return {
    root: { accessKeys: keys.filter((k) => k.user_id === null).map(keyState) },
    users: users.map((u) => {
      const profile = profileOf.get(u.id);
      const device = deviceOf.get(u.id);
      return {
        id: u.id,
        name: u.name,
        createdAt: u.created_at,
        lastLoginAt: u.last_login_at,
        console: profile ? { createdAt: profile.created_at, mfaBindRequired: profile.mfa_bind_required === 1 } : null,
        mfa: device?.activated_at ? { serialNumber: device.serial_number, activatedAt: device.activated_at } : null,
        accessKeys: (keysOf.get(u.id) ?? []).map(keyState),
        groups: (groupsOf.get(u.id) ?? [])
          .map((m) => groupName.get(m.group_id))
          .filter((n) => n !== undefined)
          .sort(),
        policies: attachedTo('User', u.id),
      };
    }),
    groups: groups.map((g) => ({ id: g.id, name: g.name, policies: attachedTo('Group', g.id) })),
    policies: policyStates,
    passwordPolicy: await getPasswordPolicy(ctx),
    securityPreference: await getSecurityPreference(ctx),
  };
}
