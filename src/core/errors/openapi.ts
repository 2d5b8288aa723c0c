import { defineErrors } from './define.js';

/** Errors of the Alibaba-compatible front door (`src/openapi/`): authentication and dispatch. */
export const openapiErrors = defineErrors({
  'IncompleteSignature': { status: 400, message: 'The request signature is incomplete: {reason}.', recommend: 'Sign with an official Alibaba Cloud SDK or follow the V1/V3 signature specification.' },
  'SignatureDoesNotMatch': { status: 400, message: 'Specified signature is not matched with our calculation.', recommend: 'Check the AccessKey secret and that the request was not altered after signing.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  'InvalidAccessKeyId.Inactive': { status: 400, message: 'Specified access key is disabled.' },
  'InvalidTimeStamp.Format': { status: 400, message: 'Specified time stamp or date value is not well formatted.' },
  'InvalidTimeStamp.Expired': { status: 400, message: 'Specified time stamp or date value is expired (allowed skew is 15 minutes).', recommend: 'Synchronise the client clock (NTP).' },
  'SignatureNonceUsed': { status: 400, message: 'Specified signature nonce was used already.' },
  'UnsupportedSignatureMethod': { status: 400, message: 'Signature method "{method}" is not supported; use HMAC-SHA1 (V1) or ACS3-HMAC-SHA256 (V3).' },
  'InvalidVersion': { status: 400, message: 'Specified parameter Version "{version}" is not valid for {product}.' },
  'NoPermission': { status: 403, message: 'You are not authorized to do this action ({action} on {resource}).', recommend: 'Ask the account administrator to grant the action; AccessDeniedDetail names the policy type that denied it.' },
  'Throttling.Ingest': { status: 429, message: 'Too many requests; retry after {seconds} seconds.' },
});
