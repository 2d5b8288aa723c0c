/** Reading `alicloud_security_group_rule`: is it public ingress, which ports does it open. */
import { isUnknown, type IacResource } from '../../iac/resource.js';

/** Ports sensitive when reachable from the internet: remote access, databases, caches, admin UIs. */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [20, 'FTP data'], [21, 'FTP'], [22, 'SSH'], [23, 'Telnet'], [25, 'SMTP'], [53, 'DNS'], [110, 'POP3'], [111, 'RPC portmapper'],
  [135, 'MS RPC'], [137, 'NetBIOS'], [138, 'NetBIOS'], [139, 'NetBIOS'], [143, 'IMAP'], [161, 'SNMP'], [389, 'LDAP'], [445, 'SMB'],
  [636, 'LDAPS'], [1433, 'SQL Server'], [1434, 'SQL Server browser'], [1521, 'Oracle'], [2049, 'NFS'], [2375, 'Docker API'],
  [2376, 'Docker API (TLS)'], [2379, 'etcd'], [2380, 'etcd peer'], [3000, 'Grafana'], [3306, 'MySQL'], [3389, 'RDP'], [4333, 'mSQL'],
  [4505, 'SaltStack'], [4506, 'SaltStack'], [5432, 'PostgreSQL'], [5500, 'VNC'], [5601, 'Kibana'], [5800, 'VNC HTTP'], [5900, 'VNC'],
  [5984, 'CouchDB'], [5985, 'WinRM'], [5986, 'WinRM (TLS)'], [6379, 'Redis'], [6443, 'Kubernetes API'], [7001, 'Cassandra / WebLogic'],
  [7199, 'Cassandra JMX'], [8080, 'HTTP admin/proxy'], [8088, 'Hadoop YARN'], [8140, 'Puppet'], [8888, 'Jupyter'], [9000, 'Hadoop / PHP-FPM'],
  [9042, 'Cassandra'], [9090, 'Prometheus'], [9092, 'Kafka'], [9160, 'Cassandra Thrift'], [9200, 'Elasticsearch'], [9300, 'Elasticsearch'],
  [10250, 'kubelet'], [11211, 'Memcached'], [15672, 'RabbitMQ admin'], [27017, 'MongoDB'], [27018, 'MongoDB'], [50070, 'HDFS NameNode'],
]);

/** Ports expected on the internet (web); anything else public is "unknown". */
export const WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

export interface Exposure {
  /** Attribute holding the open source range (`cidr_ip` or `ipv6_cidr_ip`). */
  cidrAttr: 'cidr_ip' | 'ipv6_cidr_ip';
  protocol: string;
  /** Port interval, or undefined for protocols without ports (icmp, gre). */
  ports?: [number, number];
  allPorts: boolean;
}

/**
 * The rule's exposure to the whole internet (0.0.0.0/0 or ::/0 ingress accept), `null` when it is
 * not public, `undefined` when something needed is only known at apply time.
 */
export function publicExposure(r: IacResource): Exposure | null | undefined {
  const a = r.attributes;
  for (const key of ['type', 'policy', 'cidr_ip', 'ipv6_cidr_ip', 'ip_protocol', 'port_range']) if (isUnknown(a[key])) return undefined;
  if (a.type !== 'ingress' || (a.policy ?? 'accept') !== 'accept') return null;
  const cidrAttr = a.cidr_ip === '0.0.0.0/0' || a.cidr_ip === '0.0.0.0' ? 'cidr_ip' : a.ipv6_cidr_ip === '::/0' ? 'ipv6_cidr_ip' : undefined;
  if (!cidrAttr) return null;
  const protocol = String(a.ip_protocol ?? '').toLowerCase();
  const range = String(a.port_range ?? '-1/-1');
  const m = /^(-?\d+)\/(-?\d+)$/.exec(range);
  const wildcard = !m || m[1] === '-1';
  if (protocol === 'all') return { cidrAttr, protocol, ports: [1, 65535], allPorts: true };
  if (protocol !== 'tcp' && protocol !== 'udp') return { cidrAttr, protocol, allPorts: wildcard && !protocol.startsWith('icmp') };
  const ports: [number, number] = wildcard ? [1, 65535] : [Number(m[1]), Number(m[2])];
  return { cidrAttr, protocol, ports, allPorts: ports[0] <= 1 && ports[1] >= 65535 };
}

/** Sensitive ports inside an interval, as `22 (SSH)`. */
export function sensitiveIn([from, to]: [number, number]): string[] {
  return [...SENSITIVE_PORTS].filter(([p]) => p >= from && p <= to).map(([p, name]) => `${p} (${name})`);
}
