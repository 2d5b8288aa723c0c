import { baseName, type ProcessInfo } from './process-info.js';
import type { ProcessRule } from './rule.js';

/** Names of common cryptocurrency miners and of malware that drops them. */
const MINER_NAMES = /^(xmrig[\w-]*|xmr-stak[\w-]*|minerd|cpuminer[\w-]*|cgminer|bfgminer|ccminer|ethminer|nbminer|t-rex|lolminer|phoenixminer|nanominer|teamredminer|srbminer[\w-]*|gminer|nheqminer|kdevtmpfsi|kinsing|sysupdate|networkservice)$/i;
/** Mining-pool protocol and typical miner flags in a command line. */
const MINER_ARGS = /stratum\+(tcp|ssl|tls):\/\/|--donate-level|--cpu-max-threads-hint|\b(pool\.)?(minexmr|nanopool|supportxmr|nicehash|2miners|f2pool|moneroocean)\.|--coin[= ]?(monero|xmr)/i;

/** Why a process looks like a miner, or undefined. */
function minerReason(p: ProcessInfo): string | undefined {
  if (MINER_NAMES.test(p.name) || MINER_NAMES.test(baseName(p.argv[0]))) return `miner-like name ${p.name}`;
  const args = MINER_ARGS.exec(p.commandLine);
  return args ? `mining arguments (${args[0]})` : undefined;
}

/** A miner-like process (name or pool arguments) using sustained CPU across two /proc samples. */
export const minerRule: ProcessRule = {
  id: 'bulwark.process.miner',
  name: 'Cryptocurrency miner using CPU',
  severity: 'high',
  technique: { id: 'T1496', name: 'Resource Hijacking' },
  sampled: true,
  match(p) {
    const why = minerReason(p);
    return why === undefined ? undefined : { message: why };
  },
  confirm(p, cpuPercent, threshold) {
    const why = minerReason(p);
    if (why === undefined || cpuPercent < threshold) return undefined;
    return { message: `${p.name} (pid ${p.pid}) looks like a cryptocurrency miner (${why}) and used ${cpuPercent.toFixed(0)}% CPU over the sample`, fields: { process: { cpu: { pct: Math.round(cpuPercent) / 100 } } } };
  },
};
