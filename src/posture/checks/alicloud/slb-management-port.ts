import { num, fail, na, pass, resourceCheck } from './kit.js';
import { internetFacing, MANAGEMENT_PORTS } from './load-balancer.js';

export const slbManagementPort = resourceCheck(
  {
    id: 'BWK-SLB-001',
    title: 'Internet-facing load balancer forwards a management port (SSH, RDP, databases…)',
    severity: 'critical',
    resourceTypes: ['alicloud_slb_listener', 'alicloud_alb_listener'],
    rationale: 'Publishing 22, 3389, 3306, 6379 and the like through a public SLB/ALB puts remote access and databases on the internet, bypassing security-group intent.',
    remediation: {
      console: 'SLB console → the instance → Listeners: delete the listener; reach servers through a bastion host or VPN, databases through the VPC.',
      terraform: '# remove the alicloud_slb_listener for the management port; use an intranet SLB:\nresource "alicloud_slb_load_balancer" "admin" {\n  address_type = "intranet"\n}',
      cli: 'aliyun slb DeleteLoadBalancerListener --LoadBalancerId <lb> --ListenerPort <port>',
    },
  },
  (r, input) => {
    const alb = r.type === 'alicloud_alb_listener';
    const facing = internetFacing(r, input, alb ? 'alicloud_alb_load_balancer' : 'alicloud_slb_load_balancer', 'load_balancer_id');
    if (facing === undefined) return na('the load balancer is not in the scan or its address type is unknown');
    if (!facing) return pass('intranet load balancer');
    const ports = (alb ? ['listener_port'] : ['frontend_port', 'backend_port']).flatMap((key) => {
      const port = num(r.attributes[key]);
      return port !== undefined && MANAGEMENT_PORTS.has(port) ? [{ key, port }] : [];
    });
    if (ports.length === 0) return pass();
    const { key, port } = ports[0]!;
    return fail([key], `the internet-facing load balancer forwards ${MANAGEMENT_PORTS.get(port)} (${key} ${port})`, { ports });
  },
);
