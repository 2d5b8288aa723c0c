import { BulwarkError } from '../../core/errors.js';
import { buildIpList, ipInList } from './ip-list.js';
import type { OperatorFactory } from './operator.js';

/** `@ipMatch`: the value is an address within one of the comma-separated addresses / CIDR ranges. */
export const ipMatch: OperatorFactory = ({ param }) => {
  const { list, invalid } = buildIpList(param.split(/[,\s]+/));
  if (invalid.length > 0) throw new BulwarkError('Waf.InvalidRule', { where: '@ipMatch', reason: `invalid address "${invalid[0]}"` });
  return (input, out) => {
    if (!ipInList(list, input)) return false;
    out.matched = input;
    return true;
  };
};
