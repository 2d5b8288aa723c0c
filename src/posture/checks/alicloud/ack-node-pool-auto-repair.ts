import { blocks, fail, isTrue, pass, resourceCheck, unknownBlock } from './kit.js';

export const ackNodePoolAutoRepair = resourceCheck(
  {
    id: 'BWK-ACK-001',
    title: 'Container Service node pool auto repair is disabled',
    severity: 'medium',
    resourceTypes: ['alicloud_cs_kubernetes_node_pool'],
    rationale: 'Auto repair replaces failing nodes, keeping workloads (and security agents on them) running.',
    remediation: {
      console: 'ACK console → the cluster → Node pools → the pool → Managed node pool settings: Auto repair on.',
      terraform: 'resource "alicloud_cs_kubernetes_node_pool" "p" {\n  management {\n    auto_repair = true\n  }\n}',
      cli: 'aliyun cs PUT /clusters/<id>/nodepools/<pool> --body \'{"management":{"enable":true,"auto_repair":true}}\'',
    },
  },
  (r) => {
    const unknown = unknownBlock(r, 'management');
    if (unknown) return unknown;
    const [m] = blocks(r, 'management');
    if (!m) return fail(['management'], 'no management block: auto repair is off');
    return isTrue(m.auto_repair) ? pass() : fail(['management', 0, 'auto_repair'], 'auto_repair is not enabled');
  },
);
