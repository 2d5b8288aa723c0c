import { accountRef, notApplicable, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-KMS-102';

export const kmsKeyPendingDeletion: PlatformCheck = {
  id: ID,
  title: 'No KMS key is pending deletion',
  severity: 'high',
  source: 'platform',
  resourceTypes: ['bulwark:kms-key'],
  rationale: 'Once a key is deleted, everything encrypted under it is unrecoverable; a scheduled deletion should be a deliberate, reviewed decision.',
  remediation: {
    console: 'KMS → Keys → the key: cancel the deletion unless every ciphertext under it is confirmed unused; enable deletion protection on keys in use.',
    terraform: 'resource "alicloud_kms_key" "this" {\n  status              = "Enabled"\n  deletion_protection = "Enabled"\n}',
    cli: 'aliyun kms CancelKeyDeletion --KeyId <id>',
  },
  evaluate(s) {
    if (s.kms.keys.length === 0) return notApplicable(ID, accountRef(s), 'no KMS keys');
    return s.kms.keys.map((k) => {
      const pending = k.state === 'PendingDeletion';
      return result(ID, pending ? 'fail' : 'pass', { id: `bulwark:kms-key/${k.id}`, type: 'bulwark:kms-key' }, pending ? `${k.id} will be destroyed at ${k.deleteAt ?? 'an unknown time'}` : `${k.id} is ${k.state}`, { state: k.state, deleteAt: k.deleteAt });
    });
  },
};
