import { exePath } from './process-info.js';
import type { ProcessRule } from './rule.js';

/** World-writable scratch folders attackers drop binaries into. */
export const TEMP_DIRS = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/shm/'];

/** A process whose executable lives in /tmp, /var/tmp or /dev/shm. */
export const tempExecRule: ProcessRule = {
  id: 'bulwark.process.temp-exec',
  name: 'Binary executed from a temporary folder',
  severity: 'medium',
  technique: { id: 'T1036', name: 'Masquerading' },
  match(p) {
    const path = exePath(p.exe);
    if (path === null || !TEMP_DIRS.some((d) => path.startsWith(d))) return undefined;
    return { message: `${p.name} (pid ${p.pid}) runs ${path} from a temporary folder`, severity: path.startsWith('/dev/shm/') || path.startsWith('/run/shm/') ? 'high' : 'medium' };
  },
};
