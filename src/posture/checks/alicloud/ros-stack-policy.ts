import { fail, resourceCheck, type Verdict } from './kit.js';

export const rosStackPolicy = resourceCheck(
  {
    id: 'BWK-ROS-001',
    title: 'ROS stack has no stack policy (or no policy during updates)',
    severity: 'medium',
    resourceTypes: ['alicloud_ros_stack'],
    rationale: 'A stack policy prevents updates from replacing or deleting protected resources by mistake.',
    remediation: {
      console: 'ROS console → the stack → Stack policy → Set (and a policy for updates).',
      terraform: 'resource "alicloud_ros_stack" "s" {\n  stack_policy_body               = file("stack-policy.json")\n  stack_policy_during_update_body = file("update-policy.json")\n}',
      cli: 'aliyun ros SetStackPolicy --StackId <id> --StackPolicyBody "$(cat stack-policy.json)"',
    },
  },
  (r) => {
    const a = r.attributes;
    const out: Verdict[] = [];
    if (a.stack_policy_body === undefined && a.stack_policy_url === undefined) out.push(fail([], 'no stack_policy_body or stack_policy_url'));
    if (a.stack_policy_during_update_body === undefined && a.stack_policy_during_update_url === undefined) out.push(fail([], 'no stack_policy_during_update_body or _url'));
    return out;
  },
);
