import { expectAttr, resourceCheck } from './kit.js';

export const actiontrailAllEvents = resourceCheck(
  {
    id: 'BWK-ACTIONTRAIL-002',
    title: 'ActionTrail trail does not record all events (read and write)',
    severity: 'medium',
    resourceTypes: ['alicloud_actiontrail_trail'],
    rationale: 'A trail that records only write (the default) or only read events misses reconnaissance or changes; investigations need both.',
    remediation: {
      console: 'ActionTrail console → Trails → the trail → Edit → Event type: All.',
      terraform: 'resource "alicloud_actiontrail_trail" "trail" {\n  event_rw = "All"\n}',
      cli: 'aliyun actiontrail UpdateTrail --Name <trail> --EventRW All',
    },
  },
  (r) => expectAttr(r, 'event_rw', (v) => v === 'All', { missing: 'fail', message: 'the trail does not record read and write events' }),
);
