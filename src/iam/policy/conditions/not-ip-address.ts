import { IpAddress } from './ip-address.js';
import { defineOperator } from './operator.js';

/** NotIpAddress: true when the context address lies in none of the CIDR blocks. */
export const NotIpAddress = defineOperator({ ...IpAddress, name: 'NotIpAddress', negated: true });
