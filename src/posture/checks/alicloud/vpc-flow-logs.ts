import { referencedAddresses, resourcesOf } from '../../iac/resource.js';
import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';

export const vpcFlowLogs = resourceCheck(
  {
    id: 'BWK-VPC-001',
    title: 'VPC has no flow log',
    severity: 'medium',
    resourceTypes: ['alicloud_vpc'],
    rationale: 'Flow logs record accepted and rejected traffic: the evidence for lateral movement and exfiltration investigations.',
    remediation: {
      console: 'VPC console → Flow logs → Create: resource type VPC, traffic All, a Log Service logstore.',
      terraform: 'resource "alicloud_vpc_flow_log" "f" {\n  resource_id    = alicloud_vpc.main.id\n  resource_type  = "VPC"\n  traffic_type   = "All"\n  project_name   = alicloud_log_project.p.name\n  log_store_name = alicloud_log_store.flow.name\n}',
      cli: 'aliyun vpc CreateFlowLog --ResourceType VPC --ResourceId <vpc> --TrafficType All --ProjectName <p> --LogStoreName <s>',
    },
  },
  (vpc, input) => {
    const logs = resourcesOf(input, 'alicloud_vpc_flow_log').filter((f) => String(f.attributes.resource_type ?? 'VPC').toUpperCase() === 'VPC');
    const local = vpc.address.replace(/^(module\.[\w-]+\.)*/, '');
    let undecided = false;
    for (const f of logs) {
      const id = f.attributes.resource_id;
      if (typeof id === 'string' && id === vpc.attributes.id) return pass(`flow log ${f.address}`);
      if (!isUnknown(id)) continue;
      const refs = referencedAddresses(id);
      if (refs.includes(local) || refs.includes(vpc.address)) return pass(`flow log ${f.address}`);
      if (refs.length === 0) undecided = true;
    }
    return undecided ? na('a flow log targets a VPC only known at apply time') : fail([], 'no alicloud_vpc_flow_log references this VPC');
  },
);
