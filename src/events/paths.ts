/** Paths and RAM actions of the events API, shared by the server routes and its clients (gateways, agents, CLI).
 * System policy BulwarkEventsIngestAccess grants PutEvents. */
export const PUT_EVENTS_ACTION = 'bulwark:PutEvents';
export const SEARCH_EVENTS_ACTION = 'bulwark:SearchEvents';
export const INGEST_PATH = '/api/ingest/events';
export const SEARCH_PATH = '/api/events/search';
