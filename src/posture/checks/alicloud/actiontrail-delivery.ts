import { fail, pass, resourceCheck } from './kit.js';

export const actiontrailDelivery = resourceCheck(
  {
    id: 'BWK-ACTIONTRAIL-004',
    title: 'ActionTrail trail delivers its logs nowhere (no OSS bucket or Log Service project)',
    severity: 'medium',
    resourceTypes: ['alicloud_actiontrail_trail'],
    rationale: 'ActionTrail keeps events only 90 days by itself; without delivery to OSS or Log Service there is no long-term audit record.',
    remediation: {
      console: 'ActionTrail console → Trails → the trail → Edit → Deliver events to OSS (and/or Log Service).',
      terraform: 'resource "alicloud_actiontrail_trail" "trail" {\n  oss_bucket_name    = alicloud_oss_bucket.trail.bucket\n  oss_write_role_arn = alicloud_ram_role.trail.arn\n}',
      cli: 'aliyun actiontrail UpdateTrail --Name <trail> --OssBucketName <bucket>',
    },
  },
  (r) => (r.attributes.oss_bucket_name === undefined && r.attributes.sls_project_arn === undefined ? fail(['oss_bucket_name'], 'no oss_bucket_name or sls_project_arn') : pass()),
);
