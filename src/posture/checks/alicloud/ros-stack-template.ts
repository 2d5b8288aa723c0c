import { fail, pass, resourceCheck } from './kit.js';

export const rosStackTemplate = resourceCheck(
  {
    id: 'BWK-ROS-004',
    title: 'ROS stack has no template',
    severity: 'medium',
    resourceTypes: ['alicloud_ros_stack'],
    rationale: 'A stack without template_body or template_url is not reviewable as code: its resources cannot be checked before deployment.',
    remediation: {
      console: 'ROS console → the stack → Update → provide the template.',
      terraform: 'resource "alicloud_ros_stack" "s" {\n  template_body = file("template.json")\n}',
    },
  },
  (r) => (r.attributes.template_body === undefined && r.attributes.template_url === undefined ? fail([], 'no template_body or template_url') : pass()),
);
