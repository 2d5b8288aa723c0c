import { z } from 'zod';
import { accountAlias, clearAccountAlias, getAccountAlias, setAccountAlias } from '../../iam/account-alias.js';
import { decodeDiagnosticMessage } from '../../iam/diagnostic.js';
import * as names from '../../iam/names.js';
import { getPasswordPolicy, getSecurityPreference, setPasswordPolicy, setSecurityPreference } from '../../iam/settings.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
const flag = names.booleanParam.optional();

/** Account-level settings: password policy, security preference, alias, diagnostic messages. */
export const settingsActions: AnyActionDef[] = [
  ramAction(
    'SetPasswordPolicy',
    'Write',
    z.object({
      MinimumPasswordLength: int(8, 32),
      RequireLowercaseCharacters: flag,
      RequireUppercaseCharacters: flag,
      RequireNumbers: flag,
      RequireSymbols: flag,
      HardExpiry: flag,
      MaxPasswordAge: int(0, 1095),
      PasswordReusePrevention: int(0, 24),
      MaxLoginAttemps: int(0, 32),
    }),
    (_i, c) => ramArn(c, '*'),
    async (ctx, i) => ({ PasswordPolicy: await setPasswordPolicy(ctx, i) }),
  ),
  ramAction('GetPasswordPolicy', 'Read', z.object({}), (_i, c) => ramArn(c, '*'), async (ctx) => ({ PasswordPolicy: await getPasswordPolicy(ctx) })),
  ramAction(
    'SetSecurityPreference',
    'Write',
    z.object({
      EnableSaveMFATicket: flag,
      AllowUserToChangePassword: flag,
      LoginSessionDuration: int(1, 24),
      LoginNetworkMasks: z.string().max(512).optional(),
      EnforceMFAForLogin: flag,
      AllowUserToManageAccessKeys: flag,
      AllowUserToManageMFADevices: flag,
      AllowUserToManagePublicKeys: flag,
    }),
    (_i, c) => ramArn(c, '*'),
    async (ctx, i) => ({ SecurityPreference: await setSecurityPreference(ctx, i) }),
  ),
  ramAction('GetSecurityPreference', 'Read', z.object({}), (_i, c) => ramArn(c, '*'), async (ctx) => ({ SecurityPreference: await getSecurityPreference(ctx) })),
  ramAction('SetAccountAlias', 'Write', z.object({ AccountAlias: accountAlias }), (_i, c) => ramArn(c, '*'), async (ctx, i) => {
    await setAccountAlias(ctx, i);
    return {};
  }),
  ramAction('GetAccountAlias', 'Read', z.object({}), (_i, c) => ramArn(c, '*'), async (ctx) => ({ AccountAlias: await getAccountAlias(ctx) })),
  ramAction('ClearAccountAlias', 'Write', z.object({}), (_i, c) => ramArn(c, '*'), async (ctx) => {
    await clearAccountAlias(ctx);
    return {};
  }),
  ramAction('DecodeDiagnosticMessage', 'Read', z.object({ EncodedDiagnosticMessage: z.string().min(1).max(8192) }), (_i, c) => ramArn(c, '*'), async (ctx, i) => ({
    DecodedDiagnosticMessage: decodeDiagnosticMessage(ctx, i),
  })),
];
