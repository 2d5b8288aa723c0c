import { blocks, fail, resourceCheck, unknownBlock, type Verdict } from './kit.js';

export const ackTerway = resourceCheck(
  {
    id: 'BWK-ACK-002',
    title: 'Kubernetes cluster does not use Terway (no network policies)',
    severity: 'low',
    resourceTypes: ['alicloud_cs_kubernetes', 'alicloud_cs_managed_kubernetes'],
    rationale: 'Terway supports Kubernetes NetworkPolicy; without it pods cannot be isolated from each other.',
    remediation: {
      console: 'ACK console → create the cluster with Network plug-in: Terway and pod vSwitches.',
      terraform: 'resource "alicloud_cs_managed_kubernetes" "k8s" {\n  pod_vswitch_ids = [alicloud_vswitch.pods.id]\n  addons {\n    name = "terway-eniip"\n  }\n}',
    },
  },
  (r) => {
    const unknown = unknownBlock(r, 'addons');
    if (unknown) return unknown;
    const out: Verdict[] = [];
    if (!blocks(r, 'addons').some((a) => typeof a.name === 'string' && a.name.startsWith('terway'))) out.push(fail([], 'no terway add-on'));
    const pods = r.attributes.pod_vswitch_ids;
    if (pods === undefined || (Array.isArray(pods) && pods.length === 0)) out.push(fail(['pod_vswitch_ids'], 'no pod_vswitch_ids (required by Terway)'));
    return out;
  },
);
