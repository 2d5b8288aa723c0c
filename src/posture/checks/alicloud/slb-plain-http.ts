import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';
import { internetFacing } from './load-balancer.js';

export const slbPlainHttp = resourceCheck(
  {
    id: 'BWK-SLB-002',
    title: 'Internet-facing SLB listener serves plain HTTP without redirecting to HTTPS',
    severity: 'medium',
    resourceTypes: ['alicloud_slb_listener'],
    rationale: 'Clear-text HTTP exposes sessions and credentials; an HTTP listener should only redirect to HTTPS.',
    remediation: {
      console: 'SLB console → the instance → Listeners → the HTTP listener → Redirect to the HTTPS listener.',
      terraform: 'resource "alicloud_slb_listener" "http" {\n  protocol         = "http"\n  frontend_port    = 80\n  listener_forward = "on"\n  forward_port     = 443\n}',
      cli: 'aliyun slb SetLoadBalancerHTTPListenerAttribute --LoadBalancerId <lb> --ListenerPort 80 --ListenerForward on --ForwardPort 443',
    },
  },
  (r, input) => {
    const protocol = r.attributes.protocol;
    if (isUnknown(protocol)) return na('protocol is only known at apply time');
    if (String(protocol).toLowerCase() !== 'http') return pass();
    if (internetFacing(r, input, 'alicloud_slb_load_balancer', 'load_balancer_id') === false) return pass('intranet load balancer');
    if (r.attributes.listener_forward === 'on') return pass('redirects to HTTPS');
    return fail(['protocol'], `HTTP listener on port ${String(r.attributes.frontend_port)} does not redirect to HTTPS`);
  },
);
