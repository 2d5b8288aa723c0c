import { createHash } from 'node:crypto';
import { chmodSync, chownSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDirs } from '../test-support/tree.js';
import { appendActionLog, readActionLog } from './action-log.js';
import { listQuarantine, quarantineDir, quarantineFile, restoreQuarantined } from './quarantine.js';

const scratch = scratchDirs('bulwark-q-');
afterAll(scratch.cleanup);
const tmp = scratch.make;

const SHELL = '<?php @eval($_POST["x"]); ?>\n';
const SHA = createHash('sha256').update(SHELL).digest('hex');

describe('quarantine and restore', () => {
  it('moves the file into a 0700 folder, strips permissions, records hash/mode/owner, and restores it exactly', async () => {
    const web = tmp();
    const state = join(tmp(), 'state');
    const file = join(web, 'shell.php');
    writeFileSync(file, SHELL);
    chmodSync(file, 0o640);
    chownSync(file, 33, 33);
    utimesSync(file, new Date('2024-01-02T03:04:05Z'), new Date('2024-01-02T03:04:05Z'));

    const record = await quarantineFile(file, state);
    const id = String(record.details.quarantineId);
    expect(record).toMatchObject({ action: 'quarantine', target: file, outcome: 'done', undo: { action: 'restore', target: id }, details: { mode: '0640', uid: 33, gid: 33, size: SHELL.length } });
    expect(record.details.sha256).toBe(SHA);
    expect(() => statSync(file)).toThrow();
    expect(statSync(quarantineDir(state)).mode & 0o777).toBe(0o700);
    expect(statSync(join(quarantineDir(state), `${id}.bin`)).mode & 0o777).toBe(0);
    const [entry] = await listQuarantine(state);
    expect(entry).toMatchObject({ id, originalPath: file, sha256: record.details.sha256, mode: 0o640, uid: 33, gid: 33 });

    const restored = await restoreQuarantined(id, state);
    expect(restored).toMatchObject({ action: 'restore', target: id, undo: { action: 'quarantine', target: file } });
    const st = statSync(file);
    expect([st.mode & 0o7777, st.uid, st.gid, st.mtime.toISOString()]).toEqual([0o640, 33, 33, '2024-01-02T03:04:05.000Z']);
    expect(readFileSync(file, 'utf8')).toBe(SHELL);
    expect(await listQuarantine(state)).toEqual([]);
  });

  it('refuses directories, symlinks, missing files and overwriting on restore; detects a tampered copy', async () => {
    const web = tmp();
    const state = join(tmp(), 'state');
    symlinkSync('/etc/passwd', join(web, 'link'));
    await expect(quarantineFile(web, state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineFailed' });
    await expect(quarantineFile(join(web, 'link'), state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineFailed' });
    await expect(quarantineFile(join(web, 'missing'), state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineFailed' });
    await expect(restoreQuarantined('q-zz-00000000', state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineNotFound' });
    await expect(restoreQuarantined('../../etc/passwd', state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineNotFound' });

    // the agent's own state (credentials, action log) is not quarantined, also not through a symlinked folder
    await appendActionLog(state, { id: 'a-1', at: '2026-11-29T05:00:00Z', action: 'block', target: '192.0.2.1', outcome: 'done', details: {}, undo: null }, 'test');
    const own = readdirSync(state).find((n) => n !== 'quarantine')!;
    await expect(quarantineFile(join(state, own), state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineFailed', params: { reason: "it is in the agent's state folder" } });
    symlinkSync(state, join(web, 'state-link'));
    await expect(quarantineFile(join(web, 'state-link', own), state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineFailed', params: { reason: "it is in the agent's state folder" } });
    expect(readdirSync(state)).toContain(own);

    const file = join(web, 'a.php');
    writeFileSync(file, SHELL);
    const id = String((await quarantineFile(file, state)).details.quarantineId);
    writeFileSync(file, 'new content');
    await expect(restoreQuarantined(id, state)).rejects.toMatchObject({ code: 'Agent.Respond.RestoreConflict' });
    rmSync(file);
    const stored = join(quarantineDir(state), `${id}.bin`);
    chmodSync(stored, 0o600);
    writeFileSync(stored, 'tampered');
    await expect(restoreQuarantined(id, state)).rejects.toMatchObject({ code: 'Agent.Respond.QuarantineTampered' });
    expect(statSync(stored).mode & 0o777).toBe(0);
  });

  it('the action log is JSON lines, 0600, with the actor', async () => {
    const state = join(tmp(), 'state');
    const web = tmp();
    writeFileSync(join(web, 'x'), 'x');
    await appendActionLog(state, await quarantineFile(join(web, 'x'), state), 'cli:root');
    const log = await readActionLog(state);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'quarantine', actor: 'cli:root', target: join(web, 'x') });
    expect(statSync(join(state, 'actions.jsonl')).mode & 0o777).toBe(0o600);
  });
});
