import { defineErrors } from './define.js';

/** Errors of STS (`src/sts/`): temporary credentials. */
export const stsErrors = defineErrors({
  'InvalidSecurityToken.Expired': { status: 400, message: 'Specified SecurityToken is expired.', recommend: 'Call AssumeRole again for fresh credentials.' },
  'InvalidSecurityToken.Malformed': { status: 400, message: 'Specified SecurityToken is malformed or was revoked (role deleted or its trust policy changed).' },
  'InvalidSecurityToken.MismatchWithAccessKey': { status: 400, message: 'Specified SecurityToken does not belong to the AccessKey.' },
  'MissingSecurityToken': { status: 400, message: 'Temporary (STS.) AccessKeys must be sent with their SecurityToken.' },
  'NoPermission.RoleTrust': { status: 403, message: 'The trust policy of role "{role}" does not allow {principal} to assume it.' },
});
