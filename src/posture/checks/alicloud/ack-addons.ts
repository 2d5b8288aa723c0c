/** Container Service add-ons declared on a cluster (`addons { name = … }`). */
import { isUnknown, type IacResource } from '../../iac/resource.js';
import { blocks } from './kit.js';

export const ACK_CLUSTER_TYPES = ['alicloud_cs_kubernetes', 'alicloud_cs_managed_kubernetes'];

/** Add-on names, or undefined when the add-ons are only known at apply time. */
export function addonNames(r: IacResource): string[] | undefined {
  if (isUnknown(r.attributes.addons)) return undefined;
  const list = blocks(r, 'addons');
  if (list.some((a) => isUnknown(a.name))) return undefined;
  return list.map((a) => String(a.name ?? ''));
}
