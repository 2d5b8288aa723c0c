import { expectAttr, isTrue, resourceCheck } from './kit.js';

export const rosStackRetention = resourceCheck(
  {
    id: 'BWK-ROS-003',
    title: 'ROS stack instance does not retain its stack when removed',
    severity: 'medium',
    resourceTypes: ['alicloud_ros_stack_instance'],
    rationale: 'Without retain_stacks, removing the instance from the stack group deletes every resource of the stack.',
    remediation: {
      console: 'ROS console → Stack groups → Delete stack instances → tick Retain stacks.',
      terraform: 'resource "alicloud_ros_stack_instance" "i" {\n  retain_stacks = true\n}',
    },
  },
  (r) => expectAttr(r, 'retain_stacks', isTrue, { missing: 'fail', message: 'stacks are deleted with the instance' }),
);
