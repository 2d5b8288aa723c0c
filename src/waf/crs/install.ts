import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { BulwarkError } from '../../core/errors.js';
import { createWaf } from '../waf.js';

const run = promisify(execFile);

export interface CrsInstallResult {
  /** Where the rule set now lives (`<dataDir>/crs`). */
  installedAt: string;
  /** `4.28.0`, read from the rules' `ver:'OWASP_CRS/…'`; undefined when absent. */
  version: string | undefined;
  ruleFiles: number;
  /** Rules the engine compiled at paranoia 4 (proof the set loads before it replaces anything). */
  rules: number;
  replaced: boolean;
}

/** A CRS root: a folder with `rules/*.conf` and a `crs-setup.conf[.example]`. */
function isCrsRoot(dir: string): boolean {
  const rules = join(dir, 'rules');
  return existsSync(rules) && statSync(rules).isDirectory() && readdirSync(rules).some((f) => f.endsWith('.conf')) && (existsSync(join(dir, 'crs-setup.conf.example')) || existsSync(join(dir, 'crs-setup.conf')));
}

/** The CRS root in `dir` or in its only sub-folder (release tarballs unpack to `coreruleset-4.x.y/`). */
function findCrsRoot(dir: string): string | undefined {
  if (isCrsRoot(dir)) return dir;
  const subs = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
  for (const s of subs) if (isCrsRoot(join(dir, s))) return join(dir, s);
  return undefined;
}

/** The CRS version named by the rules, e.g. `ver:'OWASP_CRS/4.28.0'`. */
export function crsVersion(root: string): string | undefined {
  const rules = join(root, 'rules');
  for (const f of readdirSync(rules).filter((n) => n.endsWith('.conf')).sort()) {
    const m = /ver:'OWASP_CRS\/([0-9][0-9A-Za-z.-]*)'/.exec(readFileSync(join(rules, f), 'utf8'));
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Installs an OWASP CRS release into `<dataDir>/crs` from a folder or a `.tar.gz`/`.tgz`/`.tar`
 * tarball. The set is unpacked and compiled by the engine in a staging folder first; only a set
 * that loads replaces the current one (an atomic rename), so a bad download never breaks the WAF.
 */
export async function installCrs(from: string, dataDir: string, onProgress: (line: string) => void = () => undefined): Promise<CrsInstallResult> {
  if (!existsSync(from)) throw new BulwarkError('Waf.CrsInstall', { from, reason: 'no such file or folder' });
  mkdirSync(dataDir, { recursive: true });
  const staging = mkdtempSync(join(dataDir, '.crs-staging-'));
  try {
    let root: string | undefined;
    if (statSync(from).isDirectory()) {
      root = findCrsRoot(from);
      if (root === undefined) throw new BulwarkError('Waf.CrsInstall', { from, reason: 'no rules/*.conf with a crs-setup.conf[.example] found' });
      onProgress(`copying ${root}`);
      cpSync(join(root, 'rules'), join(staging, 'rules'), { recursive: true });
      for (const f of ['crs-setup.conf.example', 'crs-setup.conf', 'LICENSE', 'plugins']) if (existsSync(join(root, f))) cpSync(join(root, f), join(staging, f), { recursive: true });
      root = staging;
    } else {
      if (!/\.(tar\.gz|tgz|tar)$/.test(from)) throw new BulwarkError('Waf.CrsInstall', { from, reason: 'expected a folder or a .tar.gz/.tgz/.tar file' });
      onProgress(`unpacking ${basename(from)}`);
      try {
        // argv, no shell; --no-same-owner/-permissions: files belong to us whatever the archive says.
        await run('tar', ['-xf', from, '-C', staging, '--no-same-owner', '--no-same-permissions'], { timeout: 120_000, maxBuffer: 1024 * 1024 });
      } catch (e) {
        throw new BulwarkError('Waf.CrsInstall', { from, reason: `tar failed: ${(e as Error).message.split('\n')[0]}` });
      }
      root = findCrsRoot(staging);
      if (root === undefined) throw new BulwarkError('Waf.CrsInstall', { from, reason: 'the archive holds no rules/*.conf with a crs-setup.conf[.example]' });
    }
    onProgress('compiling the rule set');
    let rules: number;
    try {
      rules = (await createWaf({ crsDir: root, paranoia: 4 })).ruleCount;
    } catch (e) {
      throw new BulwarkError('Waf.CrsInstall', { from, reason: `the rule set does not load: ${(e as Error).message}` });
    }
    const target = join(dataDir, 'crs');
    const replaced = existsSync(target);
    const old = `${target}.old-${process.pid}`;
    if (replaced) renameSync(target, old);
    try {
      renameSync(root, target);
    } catch (e) {
      if (replaced) renameSync(old, target);
      throw e;
    }
    if (replaced) rmSync(old, { recursive: true, force: true });
    return { installedAt: target, version: crsVersion(target), ruleFiles: readdirSync(join(target, 'rules')).filter((f) => f.endsWith('.conf')).length, rules, replaced };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
