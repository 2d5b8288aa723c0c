import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWaf } from '../waf.js';
import { installCrs } from './install.js';

const CRS = fileURLToPath(new URL('../../../../shared/corpora/crs', import.meta.url));
const present = existsSync(join(CRS, 'rules'));
if (!present) console.warn('[waf] ../shared/corpora/crs is absent: skipping the CRS install tests that need a real release');
const temp = mkdtempSync(join(tmpdir(), 'bw-crs-install-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('bulwark waf crs install', () => {
  it.runIf(present)('installs from a folder and from a release tarball, and the installed set loads', async () => {
    const dataDir = join(temp, 'data-a');
    const fromDir = await installCrs(CRS, dataDir);
    expect(fromDir).toMatchObject({ installedAt: join(dataDir, 'crs'), replaced: false });
    expect(fromDir.version).toMatch(/^4\.\d+\.\d+/);
    expect(fromDir.rules).toBeGreaterThan(500);
    expect(existsSync(join(dataDir, 'crs', 'crs-setup.conf.example'))).toBe(true);
    // the regression tests are not part of what runs in production
    expect(existsSync(join(dataDir, 'crs', 'tests'))).toBe(false);

    // A tarball laid out like a GitHub release (one top folder), replacing the installed set.
    const pack = join(temp, 'pack');
    mkdirSync(join(pack, 'coreruleset-9.9.9'), { recursive: true });
    execFileSync('cp', ['-r', join(CRS, 'rules'), join(CRS, 'crs-setup.conf.example'), join(pack, 'coreruleset-9.9.9')]);
    const tarball = join(temp, 'coreruleset-9.9.9.tar.gz');
    execFileSync('tar', ['-czf', tarball, '-C', pack, 'coreruleset-9.9.9']);
    const fromTar = await installCrs(tarball, dataDir);
    expect(fromTar).toMatchObject({ replaced: true, rules: fromDir.rules });
    const waf = await createWaf({ crsDir: fromTar.installedAt, paranoia: 1 });
    expect(waf.ruleCount).toBeGreaterThan(100);
    // no staging or backup folders are left behind
    expect(readdirSync(dataDir).sort()).toEqual(['crs']);
  });

  it('refuses what is not a CRS release and leaves the installed set untouched', async () => {
    const dataDir = join(temp, 'data-b');
    mkdirSync(join(dataDir, 'crs', 'rules'), { recursive: true });
    writeFileSync(join(dataDir, 'crs', 'rules', 'KEEP.conf'), '# the current set\n');
    const empty = join(temp, 'empty');
    mkdirSync(empty);
    await expect(installCrs(empty, dataDir)).rejects.toMatchObject({ code: 'Waf.CrsInstall' });
    await expect(installCrs(join(temp, 'missing.tar.gz'), dataDir)).rejects.toMatchObject({ code: 'Waf.CrsInstall' });
    // a "release" whose rules do not compile
    const broken = join(temp, 'broken');
    mkdirSync(join(broken, 'rules'), { recursive: true });
    writeFileSync(join(broken, 'crs-setup.conf.example'), '');
    writeFileSync(join(broken, 'rules', 'BAD.conf'), 'SecRule ARGS "@nosuchoperator x" "id:1,phase:2,deny"\n');
    await expect(installCrs(broken, dataDir)).rejects.toMatchObject({ code: 'Waf.CrsInstall' });
    expect(readdirSync(join(dataDir, 'crs', 'rules'))).toEqual(['KEEP.conf']);
    expect(readdirSync(dataDir).sort()).toEqual(['crs']);
  });
});
