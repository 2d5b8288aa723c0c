import type { AnyActionDef } from '../action.js';
import { asymmetricActions } from './asymmetric.js';
import { cryptoActions } from './crypto.js';
import { importActions } from './import.js';
import { keyActions } from './keys.js';
import { secretActions } from './secrets.js';

/** Registry: every KMS 2016-01-20 action. */
export const KMS_ACTIONS: readonly AnyActionDef[] = [...keyActions, ...importActions, ...cryptoActions, ...asymmetricActions, ...secretActions];
