/** Paths and RAM actions of the managed-sites API, shared by the server routes and the gateway client. */
export const SITES_PATH = '/api/gateway/sites';
export const GATEWAY_CONFIG_PATH = '/api/gateway/config';
export const PUT_SITE_ACTION = 'bulwark:PutSite';
export const DELETE_SITE_ACTION = 'bulwark:DeleteSite';
export const LIST_SITES_ACTION = 'bulwark:ListSites';
/** Certificates of managed sites: `POST /api/gateway/certificates/{put,delete,list}`. */
export const CERTIFICATES_PATH = '/api/gateway/certificates';
export const PUT_CERTIFICATE_ACTION = 'bulwark:PutCertificate';
export const DELETE_CERTIFICATE_ACTION = 'bulwark:DeleteCertificate';
export const LIST_CERTIFICATES_ACTION = 'bulwark:ListCertificates';
/**
 * Granted to managed gateways by the system policy BulwarkGatewayAccess. The configuration carries the
 * managed certificates' private keys, so the action is deliberately not a read verb (`Get*`/`List*`…):
 * read-only policies such as ReadOnlyAccess (`*:Get*`) must not match it.
 */
export const GET_GATEWAY_CONFIG_ACTION = 'bulwark:PullGatewayConfig';

/** The ETag of the sites revision (and of the bans revision, when bans are served), e.g. `"r12"` or `"r12.b3"`. */
export function revisionEtag(revision: number, bans?: number): string {
  return bans === undefined ? `"r${revision}"` : `"r${revision}.b${bans}"`;
}
/** Managed gateways report their listeners and upstream health: `POST /api/gateway/status` (+ `/list`). */
export const GATEWAY_STATUS_PATH = '/api/gateway/status';
/** Granted to managed gateways by the system policy BulwarkGatewayAccess. */
export const REPORT_GATEWAY_STATUS_ACTION = 'bulwark:ReportGatewayStatus';
export const LIST_GATEWAYS_ACTION = 'bulwark:ListGateways';
/** How often a managed gateway reports, in seconds; a gateway is online while seen within 3 intervals. */
export const GATEWAY_REPORT_INTERVAL_SECONDS = 15;
