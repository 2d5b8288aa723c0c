import type { Kysely } from 'kysely';
import { Authorizer } from '../iam/authorizer.js';
import { CredentialStore } from '../iam/credentials.js';
import { SessionStore } from '../iam/sessions.js';
import { SigninService } from '../iam/signin.js';
import type { IamTables } from '../iam/tables.js';
import type { AnyActionDef } from '../openapi/action.js';
import { FrontDoor } from '../openapi/dispatch.js';
import { KMS_ACTIONS } from '../openapi/kms/registry.js';
import { RAM_ACTIONS } from '../openapi/ram/registry.js';
import { STS_ACTIONS } from '../openapi/sts/actions.js';
import type { Platform } from './platform.js';

/** Registry: every OpenAPI action the server answers. */
export const OPENAPI_ACTIONS: readonly AnyActionDef[] = [...RAM_ACTIONS, ...STS_ACTIONS, ...KMS_ACTIONS];

export interface Services {
  credentials: CredentialStore;
  authorizer: Authorizer;
  frontDoor: FrontDoor;
  sessions: SessionStore;
  signin: SigninService;
}

/** Wires the transport-free services of one server instance. */
export function createServices(platform: Platform): Services {
  const db = () => platform.storage.db<IamTables>() as Kysely<IamTables>;
  const credentials = new CredentialStore(db, platform.sealer);
  const authorizer = new Authorizer(db);
  const frontDoor = new FrontDoor({ platform, sealer: platform.sealer, credentials, authorizer, actions: OPENAPI_ACTIONS });
  const sessions = new SessionStore(db, platform.clock);
  const signin = new SigninService({ storage: platform.storage, audit: platform.audit, clock: platform.clock, sealer: platform.sealer, sessions });
  return { credentials, authorizer, frontDoor, sessions, signin };
}
