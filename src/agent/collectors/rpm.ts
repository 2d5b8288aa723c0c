import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { InstalledPackage } from './inventory.js';

/** `rpm -qa --qf` format: one tab-separated line per package. */
export const RPM_QUERY_FORMAT = '%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n';

function evr(epoch: string, version: string, release: string): string {
  const e = epoch && epoch !== '(none)' && epoch !== '0' ? `${epoch}:` : '';
  return `${e}${version}${release && release !== '(none)' ? `-${release}` : ''}`;
}

/** Parses the output of `rpm -qa --qf RPM_QUERY_FORMAT`; the source RPM `openssl-3.0.7-27.el9.src.rpm` gives source `openssl`, `3.0.7-27.el9`. */
export function parseRpmQuery(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f.length < 6 || !f[0]) continue;
    const [name, epoch, version, release, arch, srpm] = f as [string, string, string, string, string, string];
    const full = evr(epoch, version, release);
    let source = name;
    let sourceVersion = full;
    const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(srpm.trim());
    if (m) {
      source = m[1] as string;
      sourceVersion = evr(epoch, m[2] as string, m[3] as string);
    }
    out.push({ manager: 'rpm', name, version: full, arch: arch === '(none)' ? '' : arch, source, sourceVersion });
  }
  return out;
}

/** Path of an executable found on PATH, or undefined. */
export function findOnPath(name: string, path = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Runs `rpm -qa` (argv, no shell; `--root` for a fixture root) and parses its output. */
export function queryRpm(root: string, live: boolean): Promise<InstalledPackage[]> {
  const rpm = findOnPath('rpm');
  if (!rpm) return Promise.resolve([]);
  const args = [...(live ? [] : ['--root', root]), '-qa', '--qf', RPM_QUERY_FORMAT];
  return new Promise((resolve, reject) => {
    execFile(rpm, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout) => {
      if (error) reject(new Error(`rpm -qa failed: ${error.message}`));
      else resolve(parseRpmQuery(stdout));
    });
  });
}
