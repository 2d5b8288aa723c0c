import type { Collector } from './collector.js';
import { readText } from './read.js';

/** Host name from the kernel (/proc/sys/kernel/hostname), else /etc/hostname. */
export const hostnameCollector: Collector = {
  name: 'hostname',
  sections: ['hostname'],
  collect(ctx) {
    const name = (readText(ctx.at('/proc/sys/kernel/hostname')) ?? readText(ctx.at('/etc/hostname')))?.trim();
    return { hostname: name ? name : null };
  },
};
