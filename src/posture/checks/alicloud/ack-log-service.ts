import { ACK_CLUSTER_TYPES, addonNames } from './ack-addons.js';
import { fail, na, pass, resourceCheck } from './kit.js';

export const ackLogService = resourceCheck(
  {
    id: 'BWK-ACK-004',
    title: 'Kubernetes cluster does not ship logs to Log Service (no logtail-ds add-on)',
    severity: 'medium',
    resourceTypes: ACK_CLUSTER_TYPES,
    rationale: 'Without Log Service collection, container and audit logs vanish with the pods and nodes that wrote them.',
    remediation: {
      console: 'ACK console → the cluster → Operations → Add-ons → install logtail-ds (Log Service).',
      terraform: 'resource "alicloud_cs_managed_kubernetes" "k8s" {\n  addons {\n    name   = "logtail-ds"\n    config = jsonencode({ IngressDashboardEnabled = "true" })\n  }\n}',
    },
  },
  (r) => {
    const names = addonNames(r);
    if (!names) return na('add-ons are only known at apply time');
    return names.includes('logtail-ds') ? pass() : fail(names.length ? ['addons'] : [], 'no logtail-ds add-on');
  },
);
