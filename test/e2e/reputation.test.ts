import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { assertBuilt, runCliAsync, tempDir } from './support.js';

let t: TestServer;
beforeAll(async () => {
  assertBuilt();
  t = await startTestServer();
});
afterAll(() => t.close());

const env = (): NodeJS.ProcessEnv => ({ BULWARK_ACCESS_KEY_ID: t.root.accessKeyId, BULWARK_ACCESS_KEY_SECRET: t.root.accessKeySecret });
const cli = async (...args: string[]) => {
  const r = await runCliAsync(['reputation', ...args, '--server', t.server.url], env());
  return { ...r, json: r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined };
};

describe('bulwark reputation (built CLI)', () => {
  it('bans, shows, lists, imports, exports and unbans; allowlisted addresses are refused with a coded error', async () => {
    const ban = await cli('ban', '192.0.2.33', '--duration', '2h', '--reason', 'honeypot', '--format', 'json');
    expect(ban.status).toBe(0);
    expect(ban.json).toMatchObject({ created: true, decision: { value: '192.0.2.33', scenario: 'honeypot' } });
    const show = await cli('show', '192.0.2.33');
    expect(show.stdout).toContain('active: 192.0.2.33');
    const dir = tempDir();
    const list = join(dir, 'list.txt');
    writeFileSync(list, '# from a partner\n198.51.100.0/24\n');
    expect((await cli('import', list, '--format', 'json')).json).toMatchObject({ created: 1, skipped: 0 });
    const exported = await cli('export', '--as', 'text');
    expect(exported.stdout.split('\n').filter(Boolean).sort()).toEqual(['192.0.2.33', '198.51.100.0/24']);
    expect((await cli('list', '--format', 'json')).json!.decisions).toHaveLength(2);
    expect((await cli('allowlist', 'add', '10.0.0.0/8', '--comment', 'office')).status).toBe(0);
    const refused = await cli('ban', '10.1.2.3');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Reputation.Allowlisted');
    expect((await cli('unban', '192.0.2.33', '--format', 'json')).json).toMatchObject({ deleted: 1 });
    const key = await cli('bouncer', 'edge-1', '--format', 'json');
    expect(key.json!.apiKey).toMatch(/^[0-9a-f]{48}$/);
    const bad = await cli('ban', 'nonsense');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('InvalidParameter');
  });
});
