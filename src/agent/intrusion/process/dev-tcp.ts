import { isShellOrInterpreter } from './names.js';
import { baseName } from './process-info.js';
import type { ProcessRule } from './rule.js';

const DEV_NET = /\/dev\/(tcp|udp)\/([^/\s'"]+)\/(\d{1,5})/;

/** A shell whose command line opens bash's `/dev/tcp/HOST/PORT` (or `/dev/udp`) pseudo-device. */
export const devTcpRule: ProcessRule = {
  id: 'bulwark.process.dev-tcp',
  name: 'Shell redirection to /dev/tcp or /dev/udp',
  severity: 'critical',
  technique: { id: 'T1059.004', name: 'Command and Scripting Interpreter: Unix Shell' },
  match(p) {
    if (!isShellOrInterpreter(p.name) && !isShellOrInterpreter(baseName(p.argv[0]))) return undefined;
    const m = DEV_NET.exec(p.commandLine);
    if (!m) return undefined;
    const port = Number(m[3]);
    return {
      message: `${p.name} (pid ${p.pid}) opens /dev/${m[1]}/${m[2]}/${m[3]}: ${p.commandLine}`,
      fields: { destination: { [/^[\d.]+$|:/.test(m[2] as string) ? 'ip' : 'domain']: m[2], port }, network: { transport: m[1] } },
    };
  },
};
