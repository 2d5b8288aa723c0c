import { accountRef, notApplicable, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-KMS-101';
/** The longest automatic-rotation interval accepted (CIS / PCI DSS 3.6.1: at least yearly). */
export const MAX_ROTATION_DAYS = 365;

export const kmsKeyRotation: PlatformCheck = {
  id: ID,
  title: 'Symmetric KMS keys rotate automatically at least yearly',
  severity: 'medium',
  source: 'platform',
  resourceTypes: ['bulwark:kms-key'],
  rationale: 'Rotation limits how much data one key version protects and how long a compromised version stays current.',
  remediation: {
    console: 'KMS → Keys → the key → Automatic rotation: enable it with a period of 365 days or less.',
    terraform: 'resource "alicloud_kms_key" "this" {\n  automatic_rotation = "Enabled"\n  rotation_interval  = "365d"\n}',
    cli: 'aliyun kms UpdateRotationPolicy --KeyId <id> --EnableAutomaticRotation true --RotationInterval 31536000s',
  },
  evaluate(s) {
    const keys = s.kms.keys.filter((k) => k.state !== 'PendingDeletion');
    if (keys.length === 0) return notApplicable(ID, accountRef(s), 'no KMS keys (outside pending deletion)');
    return keys.map((k) => {
      const ref = { id: `bulwark:kms-key/${k.id}`, type: 'bulwark:kms-key' };
      if (!k.symmetric) return result(ID, 'not_applicable', ref, `${k.id} is an asymmetric key (${k.keySpec}); KMS rotates only symmetric keys`, { keySpec: k.keySpec });
      const days = k.rotationIntervalSeconds === null ? null : Math.round(k.rotationIntervalSeconds / 86_400);
      const ok = k.automaticRotation === 'Enabled' && days !== null && days <= MAX_ROTATION_DAYS;
      const message = k.automaticRotation !== 'Enabled' ? `${k.id} has automatic rotation ${k.automaticRotation}` : `${k.id} rotates every ${days ?? '?'} day(s)${ok ? '' : ` (more than ${MAX_ROTATION_DAYS})`}`;
      return result(ID, ok ? 'pass' : 'fail', ref, message, { automaticRotation: k.automaticRotation, rotationIntervalDays: days, lastRotationAt: k.lastRotationAt, maxRotationDays: MAX_ROTATION_DAYS });
    });
  },
};
