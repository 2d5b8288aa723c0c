import { expectAttr, resourceCheck } from './kit.js';

export const nasKms = resourceCheck(
  {
    id: 'BWK-NAS-002',
    title: 'NAS file system is not encrypted with a KMS key you manage',
    severity: 'medium',
    resourceTypes: ['alicloud_nas_file_system'],
    rationale: 'encrypt_type 2 (user KMS key) lets you audit and revoke decryption; the NAS-managed key does not.',
    remediation: {
      console: 'NAS console → Create file system → Encryption: KMS key; migrate the data.',
      terraform: 'resource "alicloud_nas_file_system" "fs" {\n  encrypt_type = "2"\n  kms_key_id   = alicloud_kms_key.nas.id\n}',
      cli: 'aliyun nas CreateFileSystem --EncryptType 2 --KmsKeyId <key> …',
    },
  },
  (r) => expectAttr(r, 'encrypt_type', (v) => String(v) === '2', { missing: 'fail', message: 'the file system does not use a user KMS key' }),
);
