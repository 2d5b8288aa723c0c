import { ACK_CLUSTER_TYPES, addonNames } from './ack-addons.js';
import { blocks, fail, na, pass, resourceCheck } from './kit.js';

export const ackDashboard = resourceCheck(
  {
    id: 'BWK-ACK-006',
    title: 'Kubernetes dashboard add-on is installed',
    severity: 'medium',
    resourceTypes: ACK_CLUSTER_TYPES,
    rationale: 'The Kubernetes web dashboard has a history of exposed, over-privileged deployments; use the ACK console instead.',
    remediation: {
      console: 'ACK console → the cluster → Operations → Add-ons → uninstall kubernetes-dashboard.',
      terraform: '# remove the addons { name = "kubernetes-dashboard" } block',
    },
  },
  (r) => {
    const names = addonNames(r);
    if (!names) return na('add-ons are only known at apply time');
    const i = names.indexOf('kubernetes-dashboard');
    const disabled = i >= 0 && blocks(r, 'addons')[i]?.disabled === true;
    return i < 0 || disabled ? pass() : fail(['addons', i, 'name'], 'the kubernetes-dashboard add-on is installed');
  },
);
