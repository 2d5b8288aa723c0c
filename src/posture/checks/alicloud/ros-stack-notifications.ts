import { fail, pass, resourceCheck } from './kit.js';

export const rosStackNotifications = resourceCheck(
  {
    id: 'BWK-ROS-002',
    title: 'ROS stack sends no notifications',
    severity: 'low',
    resourceTypes: ['alicloud_ros_stack'],
    rationale: 'Notifications surface unexpected stack events (failed or unplanned updates) as they happen.',
    remediation: {
      console: 'ROS console → the stack → Update → Notifications: add a URL (MNS/HTTP).',
      terraform: 'resource "alicloud_ros_stack" "s" {\n  notification_urls = ["acs:mns:cn-hangzhou:<uid>:/topics/ros-events"]\n}',
    },
  },
  (r) => {
    const urls = r.attributes.notification_urls;
    return Array.isArray(urls) && urls.length > 0 ? pass() : fail(['notification_urls'], 'no notification_urls');
  },
);
