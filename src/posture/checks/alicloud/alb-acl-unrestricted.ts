import { fail, pass, resourceCheck } from './kit.js';

export const albAclUnrestricted = resourceCheck(
  {
    id: 'BWK-ALB-002',
    title: 'ALB access control list entry allows every address',
    severity: 'medium',
    resourceTypes: ['alicloud_alb_acl_entry_attachment'],
    rationale: 'An ACL entry of 0.0.0.0/0 makes a whitelist meaningless.',
    remediation: {
      console: 'ALB console → Access control → the ACL → remove the 0.0.0.0/0 entry, add your networks.',
      terraform: 'resource "alicloud_alb_acl_entry_attachment" "e" {\n  entry = "203.0.113.0/24"\n}',
    },
  },
  (r) => (r.attributes.entry === '0.0.0.0/0' || r.attributes.entry === '::/0' ? fail(['entry'], `entry ${String(r.attributes.entry)}`) : pass()),
);
