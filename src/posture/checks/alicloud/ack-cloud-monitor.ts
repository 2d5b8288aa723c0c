import { ACK_CLUSTER_TYPES } from './ack-addons.js';
import { expectAttr, isTrue, resourceCheck } from './kit.js';

export const ackCloudMonitor = resourceCheck(
  {
    id: 'BWK-ACK-005',
    title: 'Kubernetes cluster nodes do not install the CloudMonitor agent',
    severity: 'low',
    resourceTypes: ACK_CLUSTER_TYPES,
    rationale: 'CloudMonitor on the nodes gives the host metrics and alerts that reveal crypto-mining and resource exhaustion.',
    remediation: {
      console: 'ACK console → create node pools with "Install CloudMonitor agent on ECS nodes" selected.',
      terraform: 'resource "alicloud_cs_managed_kubernetes" "k8s" {\n  install_cloud_monitor = true\n}',
    },
  },
  (r) => expectAttr(r, 'install_cloud_monitor', isTrue, { missing: 'fail', message: 'the CloudMonitor agent is not installed' }),
);
