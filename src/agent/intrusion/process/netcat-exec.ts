import { NETCATS } from './names.js';
import { baseName } from './process-info.js';
import type { ProcessRule } from './rule.js';

/** Variants where `-c` runs a command through /bin/sh (OpenBSD nc has no exec option at all). */
const WITH_C = new Set(['ncat', 'netcat', 'nc.traditional', 'nc']);
const LONG_EXEC = /^--(exec|sh-exec|lua-exec)(=|$)/;
const SOCAT_EXEC = /^(exec|system):/i;

function netcatExec(tool: string, args: readonly string[]): string | undefined {
  for (const a of args) {
    if (LONG_EXEC.test(a)) return a;
    // `-e /bin/sh`, `-e/bin/sh`, clusters ending in e (`-lvpe /bin/sh`)
    if (/^-[A-Za-z]*e$/.test(a) || /^-e\//.test(a)) return a;
    if (WITH_C.has(tool) && (/^-[A-Za-z]*c$/.test(a) || /^-c\//.test(a))) return a;
  }
  return undefined;
}

/** netcat with `-e`/`-c`/`--exec`, or socat with an `EXEC:`/`SYSTEM:` address: a program wired to the network. */
export const netcatExecRule: ProcessRule = {
  id: 'bulwark.process.netcat-exec',
  name: 'Network tool executing a program (nc -e, socat exec)',
  severity: 'high',
  technique: { id: 'T1095', name: 'Non-Application Layer Protocol' },
  match(p) {
    let tool = baseName(p.argv[0]);
    let args = p.argv.slice(1);
    if (tool === 'busybox' && args[0] !== undefined) {
      tool = args[0];
      args = args.slice(1);
    }
    if (NETCATS.has(tool)) {
      const flag = netcatExec(tool, args);
      return flag ? { message: `${tool} (pid ${p.pid}) runs a program for its connection (${flag}): ${p.commandLine}` } : undefined;
    }
    if (tool === 'socat' && args.some((a) => SOCAT_EXEC.test(a))) return { message: `socat (pid ${p.pid}) wires a program to a connection: ${p.commandLine}` };
    return undefined;
  },
};
