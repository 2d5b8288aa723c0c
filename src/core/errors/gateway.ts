import { defineErrors } from './define.js';

/** Errors of the gateway data plane: its configuration and the refusals it renders on the block page. */
export const gatewayErrors = defineErrors({
  'Gateway.InvalidRule': { status: 400, message: 'Invalid gateway rule at "{field}": {reason}.', recommend: 'Fix the named rule in the gateway config file.' },
  'Gateway.TlsFile': { status: 400, message: 'Cannot load TLS material "{path}" for "{field}": {reason}.', recommend: 'Check the PEM file path (relative paths are resolved from the config file folder) and permissions.' },
  'Gateway.ListenFailed': { status: 500, message: 'The gateway cannot listen on {address}: {reason}.' },
  'Gateway.AccessDenied': { status: 403, message: 'The request was blocked by the gateway ({reason}).' },
  'Gateway.RateLimited': { status: 429, message: 'Too many requests; retry after {retryAfter} seconds.' },
  'Gateway.BadRequest': { status: 400, message: 'The request is malformed ({reason}).' },
  'Gateway.PayloadTooLarge': { status: 413, message: 'The request body exceeds the limit of {limit} bytes.' },
  'Gateway.UnknownSite': { status: 404, message: 'No site is configured for host "{host}".' },
  'Gateway.ClientCertificateRequired': { status: 403, message: 'A valid client certificate is required for this site.' },
  'Gateway.UpstreamUnavailable': { status: 502, message: 'The origin server could not be reached.' },
  'Site.NotFound': { status: 404, message: 'The site "{name}" does not exist.' },
  'Site.InvalidCertificate': { status: 400, message: 'The certificate is not usable ("{field}"): {reason}.', recommend: 'Upload the PEM certificate (with its chain) and the PEM private key that belongs to it.' },
  'Site.CertificateNotFound': { status: 404, message: 'The certificate "{name}" does not exist.' },
  'Site.CertificateInUse': { status: 409, message: 'The certificate "{name}" is used by site "{site}".', recommend: 'Remove it from the site first.' },
  'Gateway.ManagedConfig': { status: 502, message: 'The managed configuration from {server} cannot be applied: {reason}.', recommend: 'Fix the site through the server API; the gateway keeps running its last good configuration.' },
  'Gateway.UpstreamTimeout': { status: 504, message: 'The origin server did not answer in time.' },
});
