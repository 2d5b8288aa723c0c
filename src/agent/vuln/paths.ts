/** Signed HTTP endpoints of the vuln context and their RAM actions (shared by routes and the CLI). */
export const FEEDS_PATH = '/api/vuln/feeds';
export const IMPORT_FEED_ACTION = 'bulwark:ImportVulnerabilityFeed';
export const LIST_FEEDS_ACTION = 'bulwark:ListVulnerabilityFeeds';
export const HOST_FINDINGS_PATH = '/api/vuln/findings';
export const LIST_HOST_VULNERABILITIES_ACTION = 'bulwark:ListHostVulnerabilities';
export const FEED_RESOURCE = 'acs:bulwark:*:*:vuln/feed';
export const hostResource = (hostId: string): string => `acs:bulwark:*:*:host/${hostId}`;
/** Largest feed body accepted by the import endpoint (the Debian tracker JSON is about 70 MB). */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;
