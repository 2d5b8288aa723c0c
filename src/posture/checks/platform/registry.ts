import { accessKeyAge } from './access-key-age.js';
import { accessKeyUnused } from './access-key-unused.js';
import { adminOnUsers } from './admin-on-users.js';
import { consoleAndApiAccess } from './console-and-api-access.js';
import { consoleUserMfa } from './console-user-mfa.js';
import { customAdminPolicy } from './custom-admin-policy.js';
import { enforceMfaPreference } from './enforce-mfa-preference.js';
import { hostBaseline } from './host-baseline.js';
import { hostCriticalVulns } from './host-critical-vulns.js';
import { inactiveConsoleUsers } from './inactive-console-users.js';
import { kmsKeyPendingDeletion } from './kms-key-pending-deletion.js';
import { kmsKeyRotation } from './kms-key-rotation.js';
import { passwordMaxAge } from './password-max-age.js';
import { passwordMaxLoginAttempts } from './password-max-login-attempts.js';
import { passwordMinLength } from './password-min-length.js';
import { passwordRequiresLowercase } from './password-requires-lowercase.js';
import { passwordRequiresNumbers } from './password-requires-numbers.js';
import { passwordRequiresSymbols } from './password-requires-symbols.js';
import { passwordRequiresUppercase } from './password-requires-uppercase.js';
import { passwordReusePrevention } from './password-reuse-prevention.js';
import type { PlatformCheck } from './platform-check.js';
import { policiesOnUsers } from './policies-on-users.js';
import { rootAccessKey } from './root-access-key.js';
import { siteHttps } from './site-https.js';
import { siteRateLimit } from './site-rate-limit.js';
import { siteWafBlocking } from './site-waf-blocking.js';
import { unresolvedCriticalAlerts } from './unresolved-critical-alerts.js';

/** Registry: every platform check, in id order. */
export const PLATFORM_CHECKS: readonly PlatformCheck[] = [
  rootAccessKey,
  consoleUserMfa,
  passwordMinLength,
  passwordRequiresUppercase,
  passwordRequiresLowercase,
  passwordRequiresNumbers,
  passwordRequiresSymbols,
  passwordMaxAge,
  passwordReusePrevention,
  passwordMaxLoginAttempts,
  accessKeyAge,
  accessKeyUnused,
  policiesOnUsers,
  adminOnUsers,
  consoleAndApiAccess,
  customAdminPolicy,
  inactiveConsoleUsers,
  enforceMfaPreference,
  kmsKeyRotation,
  kmsKeyPendingDeletion,
  siteHttps,
  siteWafBlocking,
  siteRateLimit,
  hostBaseline,
  hostCriticalVulns,
  unresolvedCriticalAlerts,
];
