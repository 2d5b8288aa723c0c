import { defineErrors } from './define.js';

/** Errors of the offline scanners (`bulwark scan …`) and the leaked-credential response. */
export const scanErrors = defineErrors({
  'Scan.InvalidRules': { status: 400, message: 'Secret-scanning rules "{source}" are invalid at "{field}": {reason}.', recommend: 'The format is gitleaks-compatible TOML; see docs/secrets.md.' },
  'Scan.UnsupportedRegex': { status: 400, message: 'The regex at "{field}" uses {feature}, which cannot run in linear time.', recommend: 'Rewrite it without look-around or back-references (Go/RE2 syntax).' },
  'Scan.PathNotFound': { status: 400, message: 'Cannot scan "{path}": {reason}.' },
  'Scan.GitFailed': { status: 400, message: 'git failed on "{path}": {reason}.', recommend: 'Check that the path is a git repository and that --since names an existing revision.' },
  'Scan.ReportFailed': { status: 502, message: 'Reporting findings to {server} failed: {reason}.' },
  'Scan.InvalidFindings': { status: 400, message: 'The findings report is invalid at "{field}": {reason}.' },
  'Scan.TooManyFindings': { status: 413, message: 'The report has {count} findings; at most {max} are accepted per request.' },
});
