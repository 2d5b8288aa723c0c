// Helpers shared by the load benchmarks (gateway, waf): ports, CPU pinning, CPU accounting, wrk units.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';

const cores = cpus().length;
/** Cores: load generator, proxy under test, origin (shares the load generator's core on 2-core machines). */
export const CORE_WRK = '0';
export const CORE_PROXY = cores >= 2 ? '1' : '0';
export const CORE_ORIGIN = cores >= 3 ? '2' : '0';

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Clock ticks (user + system) used by a process and its direct children. */
export function cpuTicks(pid) {
  if (!pid) return 0;
  let pids = [pid];
  try {
    pids = pids.concat(execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number));
  } catch {
    /* no children */
  }
  let total = 0;
  for (const p of pids) {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      total += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return total;
}

/** wrk latency (`812.5us`, `3.2ms`, `1.1s`) in milliseconds. */
export function toMs(v) {
  const m = /^([\d.]+)(us|ms|s)$/.exec((v ?? '').trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}
