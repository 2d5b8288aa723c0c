import type { AnyActionDef } from '../action.js';
import { accessKeyActions } from './access-keys.js';
import { policyActions } from './policies.js';
import { userActions } from './users.js';

/** Registry: every RAM 2015-05-01 action. */
export const RAM_ACTIONS: readonly AnyActionDef[] = [...userActions, ...accessKeyActions, ...policyActions];
