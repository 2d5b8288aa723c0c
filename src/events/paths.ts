/** Paths and RAM actions of the events API, shared by the server routes and its clients (gateways, agents, CLI).
 * System policy BulwarkEventsIngestAccess grants PutEvents. */
export const PUT_EVENTS_ACTION = 'bulwark:PutEvents';
export const SEARCH_EVENTS_ACTION = 'bulwark:SearchEvents';
export const INGEST_PATH = '/api/ingest/events';
export const SEARCH_PATH = '/api/events/search';
/** Console helpers of the search page (RAM action bulwark:SearchEvents): field and value completion, syntax check. */
export const FIELDS_PATH = '/api/events/fields';
export const VALUES_PATH = '/api/events/values';
export const CHECK_PATH = '/api/events/check';
/** Saved searches: `POST /api/events/saved-searches/list|put|delete`. */
export const SAVED_SEARCHES_PATH = '/api/events/saved-searches';
export const SAVED_SEARCH_ACTIONS = {
  list: 'bulwark:ListSavedSearches',
  put: 'bulwark:PutSavedSearch',
  delete: 'bulwark:DeleteSavedSearch',
} as const;
