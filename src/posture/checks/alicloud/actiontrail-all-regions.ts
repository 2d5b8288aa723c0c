import { expectAttr, resourceCheck } from './kit.js';

export const actiontrailAllRegions = resourceCheck(
  {
    id: 'BWK-ACTIONTRAIL-001',
    title: 'ActionTrail trail does not cover all regions',
    severity: 'medium',
    resourceTypes: ['alicloud_actiontrail_trail'],
    rationale: 'API calls made in a region the trail does not cover leave no audit record, so an attacker can operate there unseen.',
    remediation: {
      console: 'ActionTrail console → Trails → the trail → Edit → Region: All regions.',
      terraform: 'resource "alicloud_actiontrail_trail" "trail" {\n  trail_region = "All"\n}',
      cli: 'aliyun actiontrail UpdateTrail --Name <trail> --TrailRegion All',
    },
  },
  (r) => expectAttr(r, 'trail_region', (v) => v === 'All', { missing: 'fail', message: 'the trail records a single region' }),
);
