import type { AnyActionDef } from '../action.js';
import { accessKeyActions } from './access-keys.js';
import { groupActions } from './groups.js';
import { loginProfileActions } from './login-profiles.js';
import { mfaDeviceActions } from './mfa-devices.js';
import { policyActions } from './policies.js';
import { roleActions } from './roles.js';
import { settingsActions } from './settings.js';
import { tagActions } from './tags.js';
import { userActions } from './users.js';

/** Registry: every RAM 2015-05-01 action. */
export const RAM_ACTIONS: readonly AnyActionDef[] = [
  ...userActions,
  ...accessKeyActions,
  ...policyActions,
  ...groupActions,
  ...roleActions,
  ...loginProfileActions,
  ...mfaDeviceActions,
  ...settingsActions,
  ...tagActions,
];
