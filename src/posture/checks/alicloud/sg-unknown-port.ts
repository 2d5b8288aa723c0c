import { fail, na, pass, resourceCheck } from './kit.js';
import { publicExposure, SENSITIVE_PORTS, WEB_PORTS } from './security-group-rule.js';

export const sgUnknownPort = resourceCheck(
  {
    id: 'BWK-ECS-003',
    title: 'Security group rule exposes ports other than web ports to the internet',
    severity: 'medium',
    resourceTypes: ['alicloud_security_group_rule'],
    rationale: 'Only deliberate public services (HTTP/HTTPS) should face 0.0.0.0/0; other open ports are usually forgotten test services.',
    remediation: {
      console: 'ECS console → Security groups → the group → Inbound rules: narrow the port range to the published service, or the source to known networks.',
      terraform: 'resource "alicloud_security_group_rule" "web" {\n  type        = "ingress"\n  ip_protocol = "tcp"\n  port_range  = "443/443"\n  cidr_ip     = "0.0.0.0/0"\n  security_group_id = alicloud_security_group.web.id\n}',
      cli: 'aliyun ecs RevokeSecurityGroup --SecurityGroupId <sg> --IpProtocol tcp --PortRange <range> --SourceCidrIp 0.0.0.0/0',
    },
  },
  (r) => {
    const e = publicExposure(r);
    if (e === undefined) return na('part of the rule is only known at apply time');
    if (e === null || !e.ports) return pass();
    const [from, to] = e.ports;
    for (let p = from; p <= to; p++) {
      if (!WEB_PORTS.has(p) && !SENSITIVE_PORTS.has(p)) return fail(['port_range'], `${e.protocol} ${from}-${to} open to ${String(r.attributes[e.cidrAttr])} includes ports of no known public service (e.g. ${p})`, { from, to, example: p });
    }
    return pass();
  },
);
