import { BulwarkError } from '../../core/errors.js';
import { readDataFile } from './data-file.js';
import { buildIpList, ipInList } from './ip-list.js';
import type { OperatorFactory } from './operator.js';

/** `@ipMatchFromFile` (alias `@ipMatchF`): like @ipMatch with addresses from a data file. */
export const ipMatchFromFile: OperatorFactory = ({ param, baseDir }) => {
  const { list, invalid } = buildIpList(readDataFile(param.trim(), baseDir));
  if (invalid.length > 0) throw new BulwarkError('Waf.InvalidRule', { where: '@ipMatchFromFile', reason: `invalid address "${invalid[0]}"` });
  return (input, out) => {
    if (!ipInList(list, input)) return false;
    out.matched = input;
    return true;
  };
};
