import { chmod, mkdir, mkdtemp, readFile, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASELINE_FILE, loadBaseline } from './baseline-store.js';
import { field } from '../test-support/ecs-field.js';
import { parseFimConfig } from './fim-config.js';
import { checkBaseline, takeBaseline } from './fim-offline.js';

let dir: string;
let root: string;
let state: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-fim-'));
  root = join(dir, 'etc');
  state = join(dir, 'state');
  await mkdir(join(root, 'ssh'), { recursive: true });
  await writeFile(join(root, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  await writeFile(join(root, 'ssh', 'sshd_config'), 'PermitRootLogin no\n');
  await writeFile(join(root, 'hosts'), '127.0.0.1 localhost\n');
  await symlink('/usr/share/zoneinfo/UTC', join(root, 'localtime'));
  await writeFile(join(root, 'adjtime'), '0.0 0 0.0\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = (extra: object = {}) => parseFimConfig({ exclude: [join(root, 'adjtime'), '**/*.swp'], ...extra });

describe('FIM offline baseline and check', () => {
  it('records sha256 and attributes in a compact gzip file, without excluded paths', async () => {
    const summary = await takeBaseline([root], state, config());
    expect(summary.files).toBe(4);
    const raw = gunzipSync(await readFile(join(state, BASELINE_FILE))).toString('utf8').trim().split('\n');
    expect(JSON.parse(raw[0]!)).toMatchObject({ format: 'bulwark-fim', version: 1, roots: [root] });
    const baseline = (await loadBaseline(state))!;
    expect(baseline.files.get(join(root, 'passwd'))).toMatchObject({ type: 'file', sha256: createHash('sha256').update('root:x:0:0:root:/root:/bin/bash\n').digest('hex'), size: 32 });
    expect(baseline.files.get(join(root, 'localtime'))).toMatchObject({ type: 'symlink', target: '/usr/share/zoneinfo/UTC' });
    expect(baseline.files.has(join(root, 'adjtime'))).toBe(false);
  });

  it('reports added, removed and modified files with before/after attributes as ECS alerts', async () => {
    await takeBaseline([root], state, config());
    await writeFile(join(root, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\nevil:x:0:0::/:/bin/sh\n');
    await unlink(join(root, 'hosts'));
    await writeFile(join(root, 'ssh', 'authorized_keys'), 'ssh-ed25519 AAAA attacker\n');
    await writeFile(join(root, 'adjtime'), 'changed but excluded\n');
    await writeFile(join(root, 'x.swp'), 'excluded by pattern\n');
    const result = await checkBaseline([], state, config(), { host: 'h1' });
    expect(result.changes.map((c) => [c.kind, c.path.slice(root.length)])).toEqual([
      ['removed', '/hosts'],
      ['modified', '/passwd'],
      ['added', '/ssh/authorized_keys'],
    ]);
    const modified = result.events[1]!;
    expect(field(modified, 'event.kind')).toBe('alert');
    expect(field(modified, 'event.category')).toBe('file');
    expect(field(modified, 'event.type')).toBe('change');
    expect(field(modified, 'file.path')).toBe(join(root, 'passwd'));
    expect(field(modified, 'threat.technique.id')).toBe('T1565.001');
    expect(field(modified, 'bulwark.fim.changed')).toEqual(expect.arrayContaining(['sha256', 'size']));
    expect(field(modified, 'bulwark.fim.before.size')).toBe(32);
    expect(field(modified, 'bulwark.fim.after.size')).toBe(54);
    expect(field(modified, 'file.hash.sha256')).toBe(field(modified, 'bulwark.fim.after.sha256'));
    expect(field(modified, 'bulwark.fim.before.sha256')).not.toBe(field(modified, 'bulwark.fim.after.sha256'));
    expect(field(result.events[0], 'threat.technique.id')).toBe('T1070.004');
    expect(field(result.events[0], 'event.type')).toBe('deletion');
    expect(field(result.events[2], 'event.type')).toBe('creation');
    // without --update the baseline stays: the same changes again
    expect((await checkBaseline([], state, config())).changes).toHaveLength(3);
    // accepted with update: nothing left
    await checkBaseline([], state, config(), { update: true });
    expect((await checkBaseline([], state, config())).changes).toEqual([]);
  });

  it('classifies permission, owner, setuid, symlink and timestamp changes', async () => {
    await takeBaseline([root], state, config());
    await chmod(join(root, 'hosts'), 0o666);
    await chmod(join(root, 'passwd'), 0o4755);
    await unlink(join(root, 'localtime'));
    await symlink('/usr/share/zoneinfo/Asia/Shanghai', join(root, 'localtime'));
    await utimes(join(root, 'ssh', 'sshd_config'), new Date('2020-01-01'), new Date('2020-01-01'));
    const { changes, events } = await checkBaseline([], state, config());
    const byPath = new Map(changes.map((c, i) => [c.path.slice(root.length), { c, e: events[i] }]));
    expect(byPath.get('/hosts')!.c.changed).toEqual(['mode']);
    expect(field(byPath.get('/hosts')!.e, 'rule.id')).toBe('fim-permissions-changed');
    expect(field(byPath.get('/hosts')!.e, 'bulwark.fim.after.mode')).toBe('0666');
    expect(field(byPath.get('/passwd')!.e, 'rule.id')).toBe('fim-setuid');
    expect(field(byPath.get('/passwd')!.e, 'event.severity')).toBe(99);
    expect(byPath.get('/localtime')!.c.changed).toEqual(expect.arrayContaining(['target']));
    expect(field(byPath.get('/ssh/sshd_config')!.e, 'rule.id')).toBe('fim-timestamp-changed');
  });

  it('notes files over the size limit and compares only their attributes', async () => {
    await writeFile(join(root, 'big.bin'), Buffer.alloc(4096, 1));
    const summary = await takeBaseline([root], state, config({ maxFileBytes: 1024 }));
    expect(summary.skipped).toEqual([{ path: join(root, 'big.bin'), note: 'too-large' }]);
    await writeFile(join(root, 'big.bin'), Buffer.alloc(8192, 2));
    const { changes } = await checkBaseline([], state, config({ maxFileBytes: 1024 }));
    expect(changes.map((c) => c.changed)).toEqual([expect.arrayContaining(['size'])]);
    expect(changes[0]!.after!.sha256).toBeUndefined();
  });

  it('checks only the paths asked for, and keeps other roots when re-baselining one', async () => {
    const web = join(dir, 'www');
    await mkdir(web);
    await writeFile(join(web, 'index.php'), '<?php echo "hi";');
    await takeBaseline([root, web], state, config());
    await writeFile(join(web, 'shell.php'), '<?php eval($_POST[1]);');
    await writeFile(join(root, 'hosts'), 'changed\n');
    expect((await checkBaseline([web], state, config())).changes.map((c) => c.path)).toEqual([join(web, 'shell.php')]);
    const { events } = await checkBaseline([web], state, config({ webRoots: [web] }));
    expect(field(events[0], 'threat.technique.id')).toBe('T1505.003');
    await takeBaseline([web], state, config());
    expect((await loadBaseline(state))!.roots.sort()).toEqual([root, web].sort());
    expect((await checkBaseline([], state, config())).changes.map((c) => c.path)).toEqual([join(root, 'hosts')]);
  });

  it('fails with a coded error without a baseline or with a corrupt one', async () => {
    await expect(checkBaseline([], state, config())).rejects.toMatchObject({ code: 'Agent.Fim.NoBaseline' });
    await mkdir(state, { recursive: true });
    await writeFile(join(state, BASELINE_FILE), 'not gzip');
    await expect(checkBaseline([], state, config())).rejects.toMatchObject({ code: 'Agent.Intrusion.StateCorrupt' });
  });

  it('validates its configuration', () => {
    expect(() => parseFimConfig({ paths: ['relative/path'] })).toThrow(/fim\.paths\.0/);
    expect(parseFimConfig({}).paths).toEqual(['/etc', '/usr/bin', '/usr/sbin']);
  });
});
