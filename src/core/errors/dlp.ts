import { defineErrors } from './define.js';

/** Errors of the gateway's data-leak prevention (src/gateway/dlp). */
export const dlpErrors = defineErrors({
  'Dlp.ResponseBlocked': {
    status: 502,
    message: 'The response was withheld by data-leak prevention: detector "{detector}" matched {count} time(s){reason}.',
    recommend: 'The upstream application returned sensitive data; fix it or adjust the site\'s dlp settings. The request id identifies the event.',
  },
  'Dlp.DecodeFailed': { status: 502, message: 'The upstream response body could not be decoded as {encoding}: {reason}.' },
});
