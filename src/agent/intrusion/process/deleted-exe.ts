import { exePath } from './process-info.js';
import type { ProcessRule } from './rule.js';

/** Where package managers install: a deleted binary there is usually an upgrade awaiting a restart. */
const SYSTEM_DIRS = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/', '/opt/', '/snap/'];

/** A running process whose executable file was deleted (or never had a path: memfd, fileless). */
export const deletedExeRule: ProcessRule = {
  id: 'bulwark.process.deleted-exe',
  name: 'Running process with a deleted executable',
  severity: 'high',
  technique: { id: 'T1070.004', name: 'Indicator Removal: File Deletion' },
  match(p) {
    if (p.exe === null || !p.exe.endsWith(' (deleted)')) return undefined;
    const path = exePath(p.exe) as string;
    if (path.startsWith('/memfd:')) return { message: `${p.name} (pid ${p.pid}) runs from an anonymous memory file (${path}): fileless execution`, technique: { id: 'T1620', name: 'Reflective Code Loading' } };
    if (SYSTEM_DIRS.some((d) => path.startsWith(d))) return { message: `${p.name} (pid ${p.pid}) runs ${path}, which was deleted or replaced (a package upgrade awaiting a restart?)`, severity: 'low' };
    return { message: `${p.name} (pid ${p.pid}) runs ${path}, which was deleted after it started` };
  },
};
