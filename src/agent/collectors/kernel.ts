import { machine } from 'node:os';
import type { Collector } from './collector.js';
import { readText } from './read.js';

/** Kernel release and version from /proc/sys/kernel (what `uname -r -v` prints). */
export const kernelCollector: Collector = {
  name: 'kernel',
  sections: ['kernel'],
  collect(ctx) {
    const release = readText(ctx.at('/proc/sys/kernel/osrelease'))?.trim();
    if (release === undefined) return { kernel: null };
    return {
      kernel: {
        release,
        version: readText(ctx.at('/proc/sys/kernel/version'))?.trim() ?? '',
        ostype: readText(ctx.at('/proc/sys/kernel/ostype'))?.trim() ?? 'Linux',
        machine: ctx.live ? machine() : '',
      },
    };
  },
};
