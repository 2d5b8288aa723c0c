import { existsSync, realpathSync } from 'node:fs';
import type { Collector } from './collector.js';
import type { ContainerRuntime } from './inventory.js';

const BIN_DIRS = ['/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/usr/sbin', '/bin', '/sbin'];

const RUNTIMES: ReadonlyArray<{ runtime: ContainerRuntime['runtime']; binaries: readonly string[]; sockets: readonly string[] }> = [
  { runtime: 'docker', binaries: ['dockerd', 'docker'], sockets: ['/run/docker.sock', '/var/run/docker.sock'] },
  { runtime: 'containerd', binaries: ['containerd', 'ctr', 'nerdctl'], sockets: ['/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock'] },
  { runtime: 'podman', binaries: ['podman'], sockets: ['/run/podman/podman.sock', '/var/run/podman/podman.sock'] },
  { runtime: 'cri-o', binaries: ['crio'], sockets: ['/run/crio/crio.sock', '/var/run/crio/crio.sock'] },
  { runtime: 'lxc', binaries: ['lxc-start', 'lxd', 'incus'], sockets: ['/var/lib/lxd/unix.socket', '/var/snap/lxd/common/lxd/unix.socket', '/var/lib/incus/unix.socket'] },
];

/** Container runtimes present: their binaries and control sockets. */
export const containersCollector: Collector = {
  name: 'containers',
  sections: ['containers'],
  collect(ctx) {
    const containers: ContainerRuntime[] = [];
    for (const r of RUNTIMES) {
      const real = new Set<string>();
      // merged /usr: /bin/docker and /usr/bin/docker are one file.
      const binaries = r.binaries.flatMap((b) => BIN_DIRS.map((d) => `${d}/${b}`)).filter((p) => {
        if (!existsSync(ctx.at(p))) return false;
        const key = realpathSync(ctx.at(p));
        if (real.has(key)) return false;
        real.add(key);
        return true;
      });
      // /var/run is usually a link to /run: report each socket once.
      const sockets = r.sockets.filter((p) => existsSync(ctx.at(p))).filter((p, _, all) => !(p.startsWith('/var/run/') && all.includes(p.slice(4))));
      if (binaries.length > 0 || sockets.length > 0) containers.push({ runtime: r.runtime, binaries, sockets, active: sockets.length > 0 });
    }
    return { containers };
  },
};
