// Helpers shared by the load benchmarks (gateway, waf): ports, CPU pinning, CPU accounting, wrk units.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const children = [];
/** Starts a command pinned to `core` with taskset; every one is terminated when the bench exits. */
export function startPinned(core, cmd, args, opts = {}) {
  const child = spawn('taskset', ['-c', core, cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  children.push(child);
  return child;
}
export function stopPinned() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', stopPinned);
process.on('SIGINT', () => process.exit(130));

/**
 * Writes an nginx config for a benchmark role into `dir` (temp paths, pid and logs there; one
 * worker; no access log) and returns its path. `top` goes before the events block (load_module),
 * `http` inside the http block.
 */
export function writeNginxConf(dir, name, { top = '', http = '', server, errorLevel = 'warn' }) {
  const userLine = process.getuid?.() === 0 ? 'user root;' : '';
  const file = join(dir, `${name}.conf`);
  writeFileSync(
    file,
    `${userLine}
${top}
worker_processes 1;
pid ${dir}/${name}.pid;
error_log ${dir}/${name}.error.log ${errorLevel};
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/${name}-body;
  proxy_temp_path ${dir}/${name}-proxy;
  fastcgi_temp_path ${dir}/${name}-fastcgi;
  uwsgi_temp_path ${dir}/${name}-uwsgi;
  scgi_temp_path ${dir}/${name}-scgi;
  keepalive_requests 100000;
  ${http}
  ${server}
}
`,
  );
  return file;
}

/** Resolves the URL a started `bulwark gateway` prints (`listening on http://…`) on stderr. */
export function listeningUrl(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let err = '';
    const t = setTimeout(() => reject(new Error(`gateway did not start: ${err}`)), timeoutMs);
    child.stderr.on('data', (d) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
  });
}
