import { defineErrors } from './define.js';

/** Errors of the WAF engine (src/waf): rule loading, configuration, conformance runs. */
export const wafErrors = defineErrors({
  'Waf.InvalidRule': { status: 400, message: 'Invalid WAF rule at {where}: {reason}.', recommend: 'Fix the named directive, operator, action or variable.' },
  'Waf.FileNotFound': { status: 400, message: 'WAF file "{path}" cannot be read: {reason}.' },
  'Waf.InvalidConfig': { status: 400, message: 'Invalid WAF configuration at "{field}": {reason}.' },
  'Waf.CrsInstall': { status: 400, message: 'Cannot install the CRS from "{from}": {reason}.', recommend: 'Pass a coreruleset release folder or tarball (rules/ and crs-setup.conf.example); the installed set is left unchanged.' },
  'Waf.CorpusInvalid': { status: 400, message: 'The CRS test corpus at "{path}" is unusable: {reason}.' },
});
