/** Which load balancer a listener belongs to, and whether it faces the internet. */
import { isUnknown, referencedAddresses, resourcesOf, type IacInput, type IacResource } from '../../iac/resource.js';

/** Management and data ports that should never be published through a public load balancer. */
export const MANAGEMENT_PORTS: ReadonlyMap<number, string> = new Map([
  [21, 'FTP'], [22, 'SSH'], [23, 'Telnet'], [445, 'SMB'], [1433, 'SQL Server'], [1521, 'Oracle'], [2375, 'Docker API'], [2379, 'etcd'],
  [3306, 'MySQL'], [3389, 'RDP'], [5432, 'PostgreSQL'], [5900, 'VNC'], [5985, 'WinRM'], [6379, 'Redis'], [6443, 'Kubernetes API'],
  [9200, 'Elasticsearch'], [10250, 'kubelet'], [11211, 'Memcached'], [27017, 'MongoDB'],
]);

/**
 * Whether the listener's load balancer faces the internet: true/false when the scan holds it,
 * undefined when the balancer is not in the scan or its type is unknown (then nothing is reported).
 */
export function internetFacing(listener: IacResource, input: IacInput, balancerType: string, idAttr: string): boolean | undefined {
  const ref = listener.attributes[idAttr];
  const addresses = referencedAddresses(ref);
  const lb = isUnknown(ref) ? resourcesOf(input, balancerType).find((b) => addresses.some((a) => b.address === a || b.address.endsWith(`.${a}`))) : undefined;
  if (!lb) return undefined;
  const type = lb.attributes.address_type;
  if (isUnknown(type)) return undefined;
  // SLB defaults to internet; ALB has no default (required).
  return String(type ?? (balancerType === 'alicloud_slb_load_balancer' ? 'internet' : '')).toLowerCase() === 'internet';
}
