import { fail, na, pass, resourceCheck } from './kit.js';
import { publicExposure, sensitiveIn } from './security-group-rule.js';

export const sgSensitivePort = resourceCheck(
  {
    id: 'BWK-ECS-002',
    title: 'Security group rule exposes a sensitive port (SSH, RDP, databases, caches…) to the internet',
    severity: 'high',
    resourceTypes: ['alicloud_security_group_rule'],
    rationale: 'Remote-access and database ports open to 0.0.0.0/0 or ::/0 are brute-forced and exploited within minutes of exposure.',
    remediation: {
      console: 'ECS console → Security groups → the group → Inbound rules: limit the source to your office/VPN ranges or use a bastion host.',
      terraform: 'resource "alicloud_security_group_rule" "ssh" {\n  type        = "ingress"\n  ip_protocol = "tcp"\n  port_range  = "22/22"\n  cidr_ip     = "203.0.113.0/24" # your admin network\n  security_group_id = alicloud_security_group.app.id\n}',
      cli: 'aliyun ecs RevokeSecurityGroup --SecurityGroupId <sg> --IpProtocol tcp --PortRange 22/22 --SourceCidrIp 0.0.0.0/0',
    },
  },
  (r) => {
    const e = publicExposure(r);
    if (e === undefined) return na('part of the rule is only known at apply time');
    if (e === null || !e.ports) return pass();
    const ports = sensitiveIn(e.ports);
    return ports.length > 0 ? fail(['port_range'], `${e.protocol} ${ports.slice(0, 6).join(', ')}${ports.length > 6 ? ` and ${ports.length - 6} more` : ''} open to ${String(r.attributes[e.cidrAttr])}`, { ports }) : pass();
  },
);
