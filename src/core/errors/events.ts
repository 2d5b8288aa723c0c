import { defineErrors } from './define.js';

/** Errors of the security-center events context: ingest, store, query language, alert rules, notifications. */
export const eventsErrors = defineErrors({
  'Events.QuerySyntax': { status: 400, message: 'Query syntax error at column {column}: {reason}.', recommend: 'Quote values that contain spaces or special characters, e.g. user.name:"a b".' },
  'Events.UnknownField': { status: 400, message: 'Unknown field "{field}" at column {column}; closest fields: {suggestions}.', recommend: 'See docs/events.md for the field list; fields outside the schema are searched as extra.<name>.' },
  'Events.InvalidValue': { status: 400, message: 'Value "{value}" at column {column} does not fit field "{field}" ({type}): {reason}.' },
  'Events.InvalidAggregation': { status: 400, message: 'Aggregation "{spec}" is invalid: {reason}.', recommend: 'Use terms:FIELD[:SIZE], date_histogram:INTERVAL, cardinality:FIELD or percentiles:FIELD[:P1,P2].' },
  'Events.InvalidBatch': { status: 400, message: 'The event batch is malformed: {reason}.', recommend: 'Send NDJSON (one JSON object per line) or a JSON array of objects.' },
  'Events.BatchTooLarge': { status: 413, message: 'The batch has {count} events; at most {max} are accepted per request.' },
  'Events.Busy': { status: 429, message: 'The event pipeline is full ({queued} events waiting); retry after {retryAfter} s.' },
  'Events.StoreFailed': { status: 503, message: 'The event store failed: {reason}.' },
  'Events.InvalidRule': { status: 400, message: 'Alert rule "{rule}" is invalid at "{field}": {reason}.' },
  'Events.SigmaUnsupported': { status: 400, message: 'Sigma rule "{rule}" uses an unsupported feature: {feature}.' },
  'Events.RuleNotFound': { status: 404, message: 'Alert rule "{rule}" does not exist.' },
  'Events.AlertNotFound': { status: 404, message: 'Alert "{alert}" does not exist.' },
  'Events.InvalidChannel': { status: 400, message: 'Notification channel "{channel}" is invalid at "{field}": {reason}.' },
  'Events.SavedSearchNotFound': { status: 404, message: 'Saved search "{name}" does not exist.' },
  'Events.SavedSearchLimit': { status: 400, message: 'The account already has {max} saved searches.', recommend: 'Delete saved searches you no longer use.' },
  'Events.NotifyFailed': { status: 502, message: 'Notification channel "{channel}" failed after {attempts} attempt(s): {reason}.' },
});
