import { IpRangeSet, parseCidr, parseIpMemo, type IpRange } from '../ip.js';
import { ConditionValueError, contextText, defineOperator } from './operator.js';

/** IpAddress: the context address lies in one of the IPv4/IPv6 CIDR blocks (a bare address is a /32 or /128). */
export const IpAddress = defineOperator<IpRangeSet>({
  name: 'IpAddress',
  negated: false,
  compile: (values) => {
    const ranges: IpRange[] = values.map((v, i) => {
      const range = typeof v === 'string' ? parseCidr(v) : null;
      if (range === null) throw new ConditionValueError(i, `invalid CIDR ${JSON.stringify(v)}`);
      return range;
    });
    return new IpRangeSet(ranges);
  },
  test: (set, value) => {
    const ip = parseIpMemo(contextText(value));
    return ip !== null && set.contains(ip);
  },
});
