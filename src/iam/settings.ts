import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import { parseCidr } from './policy/ip.js';

/**
 * Per-account RAM settings kept as JSON in `iam_settings`: the password policy and the security
 * preference. Values read back are validated again, so a hand-edited row cannot smuggle in nonsense.
 */
export const PASSWORD_POLICY = 'password-policy';
export const SECURITY_PREFERENCE = 'security-preference';

export const passwordPolicySchema = z.object({
  MinimumPasswordLength: z.number().int().min(8).max(32),
  RequireLowercaseCharacters: z.boolean(),
  RequireUppercaseCharacters: z.boolean(),
  RequireNumbers: z.boolean(),
  RequireSymbols: z.boolean(),
  HardExpiry: z.boolean(),
  MaxPasswordAge: z.number().int().min(0).max(1095),
  PasswordReusePrevention: z.number().int().min(0).max(24),
  /** Alibaba's spelling. */
  MaxLoginAttemps: z.number().int().min(0).max(32),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** Alibaba Cloud's defaults for an account that never set a policy. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumPasswordLength: 8,
  RequireLowercaseCharacters: false,
  RequireUppercaseCharacters: false,
  RequireNumbers: false,
  RequireSymbols: false,
  HardExpiry: false,
  MaxPasswordAge: 0,
  PasswordReusePrevention: 0,
  MaxLoginAttemps: 5,
};

export const securityPreferenceSchema = z.object({
  LoginProfilePreference: z.object({
    EnableSaveMFATicket: z.boolean(),
    AllowUserToChangePassword: z.boolean(),
    LoginSessionDuration: z.number().int().min(1).max(24),
    LoginNetworkMasks: z.string(),
    /** Bulwark extension (Alibaba has it in the IMS API): every console user must bind and use MFA. */
    EnforceMFAForLogin: z.boolean().default(false),
  }),
  AccessKeyPreference: z.object({ AllowUserToManageAccessKeys: z.boolean() }),
  MFAPreference: z.object({ AllowUserToManageMFADevices: z.boolean() }),
  PublicKeyPreference: z.object({ AllowUserToManagePublicKeys: z.boolean() }),
});
export type SecurityPreference = z.infer<typeof securityPreferenceSchema>;

export const DEFAULT_SECURITY_PREFERENCE: SecurityPreference = {
  LoginProfilePreference: { EnableSaveMFATicket: false, AllowUserToChangePassword: true, LoginSessionDuration: 6, LoginNetworkMasks: '', EnforceMFAForLogin: false },
  AccessKeyPreference: { AllowUserToManageAccessKeys: false },
  MFAPreference: { AllowUserToManageMFADevices: true },
  PublicKeyPreference: { AllowUserToManagePublicKeys: false },
};

async function readSetting<T>(ctx: IamContext, name: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await ctx.db.selectFrom('iam_settings').select('value').where('account_id', '=', ctx.caller.accountId).where('name', '=', name).executeTakeFirst();
  if (!row) return fallback;
  let raw: unknown;
  try {
    raw = JSON.parse(row.value);
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : fallback;
}

async function writeSetting(ctx: IamContext, name: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  const t = now(ctx);
  const r = await ctx.db.updateTable('iam_settings').set({ value: text, updated_at: t }).where('account_id', '=', ctx.caller.accountId).where('name', '=', name).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await ctx.db.insertInto('iam_settings').values({ account_id: ctx.caller.accountId, name, value: text, updated_at: t }).execute();
}

export function getPasswordPolicy(ctx: IamContext): Promise<PasswordPolicy> {
  return readSetting(ctx, PASSWORD_POLICY, passwordPolicySchema, DEFAULT_PASSWORD_POLICY);
}

/** Replaces the password policy; a field left out takes its default, as Alibaba documents. */
export async function setPasswordPolicy(ctx: IamContext, input: Partial<PasswordPolicy>): Promise<PasswordPolicy> {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const policy = passwordPolicySchema.parse({ ...DEFAULT_PASSWORD_POLICY, ...defined });
  await writeSetting(ctx, PASSWORD_POLICY, policy);
  return policy;
}

/** Symbols as Alibaba counts them: printable ASCII that is neither a letter nor a digit. */
const SYMBOL = /[!-/:-@[-`{-~]/;

/** Checks a new password against the policy's length and character classes (`InvalidParameter.PasswordPolicy`). */
export function checkPassword(policy: PasswordPolicy, password: string): void {
  const fail = (reason: string): never => {
    throw new BulwarkError('InvalidParameter.PasswordPolicy', { reason });
  };
  if ([...password].length < policy.MinimumPasswordLength) fail(`it must be at least ${policy.MinimumPasswordLength} characters long`);
  if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password)) fail('it must contain a lowercase letter');
  if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password)) fail('it must contain an uppercase letter');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) fail('it must contain a digit');
  if (policy.RequireSymbols && !SYMBOL.test(password)) fail('it must contain a symbol');
}

export function getSecurityPreference(ctx: IamContext): Promise<SecurityPreference> {
  return readSetting(ctx, SECURITY_PREFERENCE, securityPreferenceSchema, DEFAULT_SECURITY_PREFERENCE);
}

export interface SecurityPreferenceInput {
  EnableSaveMFATicket?: boolean | undefined;
  AllowUserToChangePassword?: boolean | undefined;
  LoginSessionDuration?: number | undefined;
  LoginNetworkMasks?: string | undefined;
  EnforceMFAForLogin?: boolean | undefined;
  AllowUserToManageAccessKeys?: boolean | undefined;
  AllowUserToManageMFADevices?: boolean | undefined;
  AllowUserToManagePublicKeys?: boolean | undefined;
}

export const MAX_LOGIN_NETWORK_MASKS = 40;

/** Normalises `LoginNetworkMasks`: up to 40 IPv4/IPv6 addresses or CIDRs separated by `;`, ≤ 512 characters. */
export function parseLoginNetworkMasks(value: string): string {
  if (value.length > 512) throw new BulwarkError('InvalidParameter', { field: 'LoginNetworkMasks', reason: 'is longer than 512 characters' });
  const masks = value
    .split(';')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  if (masks.length > MAX_LOGIN_NETWORK_MASKS) throw new BulwarkError('InvalidParameter', { field: 'LoginNetworkMasks', reason: `has more than ${MAX_LOGIN_NETWORK_MASKS} masks` });
  for (const m of masks) {
    if (!parseCidr(m)) throw new BulwarkError('InvalidParameter', { field: 'LoginNetworkMasks', reason: `"${m}" is not an IP address or CIDR block` });
  }
  return masks.join(';');
}

/** Updates the security preference; fields left out keep their current value. */
export async function setSecurityPreference(ctx: IamContext, input: SecurityPreferenceInput): Promise<SecurityPreference> {
  const cur = await getSecurityPreference(ctx);
  const next: SecurityPreference = {
    LoginProfilePreference: {
      EnableSaveMFATicket: input.EnableSaveMFATicket ?? cur.LoginProfilePreference.EnableSaveMFATicket,
      AllowUserToChangePassword: input.AllowUserToChangePassword ?? cur.LoginProfilePreference.AllowUserToChangePassword,
      LoginSessionDuration: input.LoginSessionDuration ?? cur.LoginProfilePreference.LoginSessionDuration,
      LoginNetworkMasks: input.LoginNetworkMasks !== undefined ? parseLoginNetworkMasks(input.LoginNetworkMasks) : cur.LoginProfilePreference.LoginNetworkMasks,
      EnforceMFAForLogin: input.EnforceMFAForLogin ?? cur.LoginProfilePreference.EnforceMFAForLogin,
    },
    AccessKeyPreference: { AllowUserToManageAccessKeys: input.AllowUserToManageAccessKeys ?? cur.AccessKeyPreference.AllowUserToManageAccessKeys },
    MFAPreference: { AllowUserToManageMFADevices: input.AllowUserToManageMFADevices ?? cur.MFAPreference.AllowUserToManageMFADevices },
    PublicKeyPreference: { AllowUserToManagePublicKeys: input.AllowUserToManagePublicKeys ?? cur.PublicKeyPreference.AllowUserToManagePublicKeys },
  };
  const checked = securityPreferenceSchema.parse(next);
  await writeSetting(ctx, SECURITY_PREFERENCE, checked);
  return checked;
}
