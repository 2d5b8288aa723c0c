import { fail, pass, resourceCheck } from './kit.js';

export const mongodbPublic = resourceCheck(
  {
    id: 'BWK-MONGODB-003',
    title: 'MongoDB instance whitelist allows the whole internet',
    severity: 'critical',
    resourceTypes: ['alicloud_mongodb_instance', 'alicloud_mongodb_sharding_instance'],
    rationale: 'Internet-reachable MongoDB instances are routinely wiped and ransomed.',
    remediation: {
      console: 'ApsaraDB for MongoDB console → the instance → Whitelist → remove 0.0.0.0/0.',
      terraform: 'resource "alicloud_mongodb_instance" "m" {\n  security_ip_list = ["10.0.1.0/24"]\n}',
    },
  },
  (r) => {
    const ips = r.attributes.security_ip_list;
    if (!Array.isArray(ips)) return pass();
    const i = ips.findIndex((ip) => ip === '0.0.0.0/0' || ip === '0.0.0.0');
    return i >= 0 ? fail(['security_ip_list', i], `security_ip_list contains ${String(ips[i])}`) : pass();
  },
);
