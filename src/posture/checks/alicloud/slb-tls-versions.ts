import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';

const INSECURE = ['TLSv1.0', 'TLSv1', 'TLSv1.1', 'SSLv3'];

export const slbTlsVersions = resourceCheck(
  {
    id: 'BWK-SLB-004',
    title: 'SLB TLS cipher policy enables TLS 1.0 or 1.1',
    severity: 'medium',
    resourceTypes: ['alicloud_slb_tls_cipher_policy'],
    rationale: 'TLS 1.0/1.1 are deprecated (RFC 8996) and forbidden by PCI DSS; keep TLS 1.2 and 1.3 only.',
    remediation: {
      console: 'SLB console → TLS security policies → the policy → Edit: keep TLSv1.2 and TLSv1.3.',
      terraform: 'resource "alicloud_slb_tls_cipher_policy" "p" {\n  tls_versions = ["TLSv1.2", "TLSv1.3"]\n}',
      cli: 'aliyun slb SetTLSCipherPolicyAttribute --TLSCipherPolicyId <id> --TLSVersions.1 TLSv1.2 --TLSVersions.2 TLSv1.3',
    },
  },
  (r) => {
    const versions = r.attributes.tls_versions;
    if (isUnknown(versions) || !Array.isArray(versions)) return na('tls_versions unknown');
    const weak = versions.filter((v) => typeof v === 'string' && INSECURE.includes(v));
    return weak.length > 0 ? fail(['tls_versions'], `enables ${weak.join(', ')}`, { weak }) : pass();
  },
);
