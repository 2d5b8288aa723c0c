import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file's content, or `{ link }` for a symbolic link (dangling targets allowed, like /proc fd links). */
export type TreeEntry = string | { link: string };

/** Writes a fixture tree standing in for `/` and returns its root (remove with `removeTree`). */
export function writeTree(spec: Readonly<Record<string, TreeEntry>>, root = mkdtempSync(join(tmpdir(), 'bulwark-root-'))): string {
  for (const [path, entry] of Object.entries(spec)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof entry === 'string') writeFileSync(full, entry);
    else symlinkSync(entry.link, full);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** A /proc/<pid> entry: stat, cmdline, status and exe/fd links. */
export function procEntry(pid: number, p: { name: string; ppid?: number; argv: string[]; exe?: string; uid?: number; cpuTicks?: number; fds?: Record<number, string> }): Record<string, TreeEntry> {
  const stat = `${pid} (${p.name}) S ${p.ppid ?? 1} ${pid} ${pid} 0 -1 4194304 100 0 0 0 ${p.cpuTicks ?? 0} 0 0 0 20 0 1 0 12345 1000000 250 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0`;
  const out: Record<string, TreeEntry> = {
    [`proc/${pid}/stat`]: stat,
    [`proc/${pid}/cmdline`]: p.argv.map((a) => `${a}\0`).join(''),
    [`proc/${pid}/status`]: `Name:\t${p.name}\nUid:\t${p.uid ?? 0}\t${p.uid ?? 0}\t${p.uid ?? 0}\t${p.uid ?? 0}\n`,
  };
  if (p.exe) out[`proc/${pid}/exe`] = { link: p.exe };
  for (const [fd, target] of Object.entries(p.fds ?? {})) out[`proc/${pid}/fd/${fd}`] = { link: target };
  return out;
}

/** Temporary folders of one test file: `make()` creates one, `cleanup()` (in afterAll) removes them all. */
export function scratchDirs(prefix: string, base = tmpdir()): { make(): string; cleanup(): void } {
  const dirs: string[] = [];
  return {
    make() {
      const d = mkdtempSync(join(base, prefix));
      dirs.push(d);
      return d;
    },
    cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}
