import { isTrue, fail, pass, resourceCheck } from './kit.js';

export const ackPublicApi = resourceCheck(
  {
    id: 'BWK-ACK-003',
    title: 'Kubernetes API server is exposed to the internet',
    severity: 'medium',
    resourceTypes: ['alicloud_cs_kubernetes', 'alicloud_cs_managed_kubernetes'],
    rationale: 'A public API server endpoint is a target for credential stuffing and Kubernetes CVEs; keep it private and reach it over VPN.',
    remediation: {
      console: 'ACK console → the cluster → Basic information → API Server: unbind the EIP.',
      terraform: 'resource "alicloud_cs_managed_kubernetes" "k8s" {\n  slb_internet_enabled = false\n}',
    },
  },
  (r) => (isTrue(r.attributes.slb_internet_enabled) ? fail(['slb_internet_enabled'], 'slb_internet_enabled = true') : pass()),
);
