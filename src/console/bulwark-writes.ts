import { FEED_RESOURCE, IMPORT_FEED_ACTION } from '../agent/vuln/paths.js';
import { CREATE_CHANNEL_ACTION, CREATE_RULE_ACTION, DELETE_CHANNEL_ACTION, DELETE_RULE_ACTION, TEST_CHANNEL_ACTION, UPDATE_ALERT_ACTION, UPDATE_CHANNEL_ACTION, UPDATE_RULE_ACTION } from '../events/alert-routes.js';
import { SAVED_SEARCH_ACTIONS } from '../events/paths.js';
import { CREATE_TASK_ACTION, CREATE_TOKEN_ACTION, DELETE_HOST_ACTION, RESPOND_HOST_ACTION, REVOKE_TOKEN_ACTION } from '../hosts/api.js';
import { REPUTATION_ACTIONS } from '../reputation/paths.js';
import { DELETE_CERTIFICATE_ACTION, DELETE_SITE_ACTION, PUT_CERTIFICATE_ACTION, PUT_SITE_ACTION } from '../sites/paths.js';

const at = (what: string): string => `acs:bulwark:*:*:${what}`;

/**
 * The product's (non-RAM) changes a console page offers, each with the resource its route checks
 * for "any": `/me` reports which of them the user may make so pages hide what would be refused.
 */
export const BULWARK_WRITES: readonly { action: string; resource: string }[] = [
  { action: PUT_SITE_ACTION, resource: at('site/*') },
  { action: DELETE_SITE_ACTION, resource: at('site/*') },
  { action: PUT_CERTIFICATE_ACTION, resource: at('certificate/*') },
  { action: DELETE_CERTIFICATE_ACTION, resource: at('certificate/*') },
  { action: CREATE_RULE_ACTION, resource: at('events/rule/*') },
  { action: UPDATE_RULE_ACTION, resource: at('events/rule/*') },
  { action: DELETE_RULE_ACTION, resource: at('events/rule/*') },
  { action: UPDATE_ALERT_ACTION, resource: at('events/alert/*') },
  { action: CREATE_CHANNEL_ACTION, resource: at('events/channel/*') },
  { action: UPDATE_CHANNEL_ACTION, resource: at('events/channel/*') },
  { action: DELETE_CHANNEL_ACTION, resource: at('events/channel/*') },
  { action: TEST_CHANNEL_ACTION, resource: at('events/channel/*') },
  { action: SAVED_SEARCH_ACTIONS.put, resource: at('events/saved-search/*') },
  { action: SAVED_SEARCH_ACTIONS.delete, resource: at('events/saved-search/*') },
  { action: CREATE_TOKEN_ACTION, resource: at('host/*') },
  { action: REVOKE_TOKEN_ACTION, resource: at('host/*') },
  { action: CREATE_TASK_ACTION, resource: at('host/*') },
  { action: RESPOND_HOST_ACTION, resource: at('host/*') },
  { action: DELETE_HOST_ACTION, resource: at('host/*') },
  { action: REPUTATION_ACTIONS.create, resource: at('reputation/*') },
  { action: REPUTATION_ACTIONS.delete, resource: at('reputation/*') },
  { action: REPUTATION_ACTIONS.allowlist, resource: at('reputation/allowlist') },
  { action: REPUTATION_ACTIONS.settings, resource: at('reputation/settings') },
  { action: REPUTATION_ACTIONS.bouncer, resource: at('reputation/bouncer/*') },
  { action: IMPORT_FEED_ACTION, resource: FEED_RESOURCE },
];
