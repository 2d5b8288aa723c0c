import { defineErrors } from './define.js';

/** Errors of vulnerability feeds and package matching. */
export const vulnErrors = defineErrors({
  'Vuln.InvalidFeed': { status: 400, message: 'The vulnerability feed "{source}" is invalid at "{field}": {reason}.', recommend: 'Import OSV JSON (a record, an array or a folder of .json files) or the Debian Security Tracker JSON; see docs/vulnerabilities.md.' },
  'Vuln.UnknownFeedFormat': { status: 400, message: 'Cannot tell the format of the feed "{source}".', recommend: 'Pass --format osv or --format debian.' },
  'Vuln.FeedUnreadable': { status: 400, message: 'Cannot read the vulnerability feed "{source}": {reason}.' },
  'Vuln.FeedDownloadFailed': { status: 502, message: 'Downloading the vulnerability feed {url} failed: {reason}.' },
});
