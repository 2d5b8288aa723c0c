import { defineErrors } from './define.js';

/** Errors of console sign-in and sessions (`src/iam/signin.ts`, `src/console/`). */
export const consoleErrors = defineErrors({
  'Signin.InvalidCredentials': { status: 401, message: 'The account, user name or password is wrong.' },
  'Signin.AccountLocked': { status: 403, message: 'Too many failed sign-ins: the user is locked until {until}.', recommend: 'Wait for the lock to expire or ask an administrator to reset the password.' },
  'Signin.NetworkNotAllowed': { status: 403, message: 'Sign-in is not allowed from {ip} (security preference LoginNetworkMasks).' },
  'Signin.PasswordExpired': { status: 403, message: 'The password has expired and the password policy sets HardExpiry: an administrator must reset it.' },
  'Signin.Throttled': { status: 429, message: 'Too many failed sign-ins from this address; retry in {seconds} seconds.' },
  'Signin.InvalidMfaCode': { status: 401, message: 'The MFA code is wrong or was already used.' },
  'Signin.StepNotExpected': { status: 409, message: 'This session is at step "{state}", not "{expected}".' },
  'Password.Reused': { status: 400, message: 'The new password was used recently (PasswordReusePrevention: the last {count}).' },
  'Console.Unauthenticated': { status: 401, message: 'Sign in first.' },
  'Console.SessionExpired': { status: 401, message: 'The session has expired; sign in again.' },
  'Console.CsrfMismatch': { status: 403, message: 'The x-csrf-token header is missing or wrong.' },
});
