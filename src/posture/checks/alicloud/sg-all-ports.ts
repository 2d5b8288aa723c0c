import { fail, na, pass, resourceCheck } from './kit.js';
import { publicExposure } from './security-group-rule.js';

export const sgAllPorts = resourceCheck(
  {
    id: 'BWK-ECS-001',
    title: 'Security group rule opens all ports or all protocols to the internet',
    severity: 'high',
    resourceTypes: ['alicloud_security_group_rule'],
    rationale: 'Every service on the instances, including ones nobody meant to publish, becomes reachable from 0.0.0.0/0 or ::/0.',
    remediation: {
      console: 'ECS console → Security groups → the group → Inbound rules: replace the rule by rules for the needed ports and source ranges.',
      terraform: 'resource "alicloud_security_group_rule" "https" {\n  type        = "ingress"\n  ip_protocol = "tcp"\n  port_range  = "443/443"\n  cidr_ip     = "0.0.0.0/0"\n  security_group_id = alicloud_security_group.web.id\n}',
      cli: 'aliyun ecs RevokeSecurityGroup --SecurityGroupId <sg> --IpProtocol all --PortRange -1/-1 --SourceCidrIp 0.0.0.0/0',
    },
  },
  (r) => {
    const e = publicExposure(r);
    if (e === undefined) return na('part of the rule is only known at apply time');
    if (e === null || !e.allPorts) return pass();
    return fail([e.cidrAttr], `${e.protocol} on all ports is open to ${String(r.attributes[e.cidrAttr])}`, { protocol: e.protocol, port_range: r.attributes.port_range ?? '-1/-1' });
  },
);
