import { blocks, fail, pass, resourceCheck } from './kit.js';

export const ossStaticWebsite = resourceCheck(
  {
    id: 'BWK-OSS-006',
    title: 'OSS bucket hosts a static website',
    severity: 'medium',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Website hosting serves objects to anonymous visitors; make sure the bucket is meant to be public and holds nothing else.',
    remediation: {
      console: 'OSS console → the bucket → Data management → Static pages: disable, or serve the site through CDN from a dedicated bucket.',
      terraform: '# remove the website { … } block from alicloud_oss_bucket',
      cli: 'aliyun oss website --method delete oss://<bucket>',
    },
  },
  (r) => (blocks(r, 'website').length > 0 ? fail(['website'], 'static website hosting is configured') : pass()),
);
