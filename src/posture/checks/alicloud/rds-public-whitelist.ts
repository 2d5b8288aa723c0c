import { fail, isUnknown, resourceCheck, type Verdict } from './kit.js';

const OPEN = ['0.0.0.0', '0.0.0.0/0', '::/0'];

export const rdsPublicWhitelist = resourceCheck(
  {
    id: 'BWK-RDS-001',
    title: 'RDS instance whitelist allows the whole internet',
    severity: 'critical',
    resourceTypes: ['alicloud_db_instance'],
    rationale: 'A 0.0.0.0/0 whitelist lets anyone reach the database port and try credentials or exploits.',
    remediation: {
      console: 'RDS console → the instance → Whitelist and SecGroup → remove 0.0.0.0/0; add only application subnets.',
      terraform: 'resource "alicloud_db_instance" "db" {\n  security_ips = ["10.0.1.0/24"]\n}',
      cli: 'aliyun rds ModifySecurityIps --DBInstanceId <id> --SecurityIps 10.0.1.0/24',
    },
  },
  (r) => {
    const out: Verdict[] = [];
    const ips = r.attributes.security_ips;
    if (Array.isArray(ips)) {
      const open = ips.filter((ip) => !isUnknown(ip) && typeof ip === 'string' && OPEN.includes(ip.trim()));
      if (open.length > 0) out.push(fail(['security_ips', ips.indexOf(open[0])], `security_ips contains ${open.join(', ')}`, { open }));
    }
    const address = r.attributes.address;
    if (typeof address === 'string' && OPEN.includes(address.trim())) out.push(fail(['address'], `address ${address} is open to everyone`));
    return out;
  },
);
