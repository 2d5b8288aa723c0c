import { blocks, fail, isUnknown, na, pass, resourceCheck, unknownBlock } from './kit.js';

export const ossVersioning = resourceCheck(
  {
    id: 'BWK-OSS-012',
    title: 'OSS bucket versioning is not enabled',
    severity: 'medium',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Versioning keeps overwritten and deleted objects recoverable, against mistakes and ransomware.',
    remediation: {
      console: 'OSS console → the bucket → Redundancy and fault tolerance → Versioning → Enable.',
      terraform: 'resource "alicloud_oss_bucket" "b" {\n  versioning {\n    status = "Enabled"\n  }\n}',
      cli: 'aliyun oss bucket-versioning --method put oss://<bucket> enabled',
    },
  },
  (r) => {
    const unknown = unknownBlock(r, 'versioning');
    if (unknown) return unknown;
    const [v] = blocks(r, 'versioning');
    if (!v) return fail(['versioning'], 'no versioning block');
    if (isUnknown(v.status)) return na('versioning status is only known at apply time');
    return v.status === 'Enabled' ? pass() : fail(['versioning', 0, 'status'], `versioning is ${String(v.status)}`, { status: v.status });
  },
);
