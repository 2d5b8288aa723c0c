import type { Collector } from './collector.js';
import type { Hardware } from './inventory.js';
import { readText } from './read.js';

/** CPU model and counts from /proc/cpuinfo. */
export function parseCpuInfo(text: string): Pick<Hardware, 'cpuModel' | 'logicalCpus' | 'sockets'> {
  let cpuModel = '';
  let logicalCpus = 0;
  const sockets = new Set<string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'processor') logicalCpus++;
    else if ((key === 'model name' || key === 'cpu model' || key === 'Model') && cpuModel === '') cpuModel = value;
    else if (key === 'physical id') sockets.add(value);
  }
  return { cpuModel, logicalCpus, sockets: sockets.size || (logicalCpus > 0 ? 1 : 0) };
}

/** Memory figures (bytes) from /proc/meminfo. */
export function parseMemInfo(text: string): Pick<Hardware, 'memoryTotalBytes' | 'memoryAvailableBytes' | 'swapTotalBytes'> {
  const kb = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+)/.exec(line);
    if (m) kb.set(m[1] as string, Number(m[2]));
  }
  const bytes = (k: string) => (kb.get(k) ?? 0) * 1024;
  return { memoryTotalBytes: bytes('MemTotal'), memoryAvailableBytes: bytes('MemAvailable') || bytes('MemFree'), swapTotalBytes: bytes('SwapTotal') };
}

export const hardwareCollector: Collector = {
  name: 'hardware',
  sections: ['hardware'],
  collect(ctx) {
    const cpu = readText(ctx.at('/proc/cpuinfo'));
    const mem = readText(ctx.at('/proc/meminfo'));
    if (cpu === undefined && mem === undefined) return { hardware: null };
    return { hardware: { ...parseCpuInfo(cpu ?? ''), ...parseMemInfo(mem ?? '') } };
  },
};
