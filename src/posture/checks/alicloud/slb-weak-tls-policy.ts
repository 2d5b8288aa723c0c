import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';

/** Predefined SLB/ALB TLS policies that still allow TLS 1.0 or 1.1. */
export const WEAK_TLS_POLICIES = ['tls_cipher_policy_1_0', 'tls_cipher_policy_1_1'];

export const slbWeakTlsPolicy = resourceCheck(
  {
    id: 'BWK-SLB-003',
    title: 'HTTPS listener uses a TLS policy that allows TLS 1.0/1.1',
    severity: 'medium',
    resourceTypes: ['alicloud_slb_listener', 'alicloud_alb_listener'],
    rationale: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) and weak ciphers they bring allow downgrade attacks; PCI DSS forbids them.',
    remediation: {
      console: 'SLB/ALB console → the HTTPS listener → Edit → TLS security policy: tls_cipher_policy_1_2_strict (or a custom TLS 1.2+ policy).',
      terraform: 'resource "alicloud_slb_listener" "https" {\n  tls_cipher_policy = "tls_cipher_policy_1_2_strict"\n}\n# ALB: security_policy_id = "tls_cipher_policy_1_2_strict"',
      cli: 'aliyun slb SetLoadBalancerHTTPSListenerAttribute --LoadBalancerId <lb> --ListenerPort 443 --TLSCipherPolicy tls_cipher_policy_1_2_strict',
    },
  },
  (r) => {
    const alb = r.type === 'alicloud_alb_listener';
    const protocol = String(r.attributes[alb ? 'listener_protocol' : 'protocol'] ?? '').toLowerCase();
    if (protocol !== 'https') return pass();
    const key = alb ? 'security_policy_id' : 'tls_cipher_policy';
    const policy = r.attributes[key];
    if (isUnknown(policy)) return na(`${key} is only known at apply time`);
    if (policy === undefined) return fail([key], `no ${key}: the default tls_cipher_policy_1_0 allows TLS 1.0`);
    return typeof policy === 'string' && WEAK_TLS_POLICIES.includes(policy) ? fail([key], `${key} ${policy} allows TLS 1.0/1.1`, { policy }) : pass();
  },
);
