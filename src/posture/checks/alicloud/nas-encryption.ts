import { expectAttr, resourceCheck } from './kit.js';

export const nasEncryption = resourceCheck(
  {
    id: 'BWK-NAS-001',
    title: 'NAS file system is not encrypted',
    severity: 'high',
    resourceTypes: ['alicloud_nas_file_system'],
    rationale: 'File shares hold application data and backups; without encryption at rest it is readable from the storage layer.',
    remediation: {
      console: 'NAS console → Create file system with Encryption: NAS-managed key or KMS key (cannot be changed later; migrate the data).',
      terraform: 'resource "alicloud_nas_file_system" "fs" {\n  encrypt_type = "2"\n  kms_key_id   = alicloud_kms_key.nas.id\n}',
      cli: 'aliyun nas CreateFileSystem --EncryptType 2 --KmsKeyId <key> …',
    },
  },
  (r) => expectAttr(r, 'encrypt_type', (v) => String(v) === '1' || String(v) === '2', { missing: 'fail', message: 'the file system is not encrypted' }),
);
