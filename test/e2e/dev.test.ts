import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { signedPost } from '../../src/events/client.js';
import { SEARCH_EVENTS_ACTION, SEARCH_PATH } from '../../src/events/paths.js';
import { CLI, assertBuilt, tempDir } from './support.js';

beforeAll(() => assertBuilt());

function startDev(cwd: string): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, [CLI, 'dev', '--listen', '127.0.0.1:0', '--gateway-listen', '127.0.0.1:0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bulwark dev did not start: ${out}`)), 60_000);
    child.stdout!.on('data', () => {
      if (out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, out: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`bulwark dev exited ${code}: ${out}`)));
  });
}

describe('bulwark dev: the first five minutes', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
  });

  it('starts everything under ./.bulwark, prints credentials once, and the gateway blocks an injection', async () => {
    const cwd = tempDir('bw-dev-');
    const first = await startDev(cwd);
    child = first.child;
    const text = first.out();
    const gateway = /gateway\s+(http:\/\/\S+)/.exec(text)![1]!;
    const server = /server\s+(http:\/\/\S+)/.exec(text)![1]!;
    expect(text).toMatch(/BULWARK_ACCESS_KEY_SECRET=[A-Za-z0-9]{30}/);
    expect(text).toMatch(/user admin\s+password \S{20}/);
    expect((await fetch(`${server}/readyz`)).status).toBe(200);
    const blocked = await fetch(`${gateway}/?id=1'%20or%201=1--`);
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toContain(blocked.headers.get('x-request-id')!);
    expect((await fetch(`${gateway}/`)).status).toBe(200);
    // the blocked request reaches the event store within seconds, as an attack with its rule id
    const key = { accessKeyId: /BULWARK_ACCESS_KEY_ID=(\S+)/.exec(text)![1]!, accessKeySecret: /BULWARK_ACCESS_KEY_SECRET=(\S+)/.exec(text)![1]! };
    let attack: { rule?: { id?: string }; bulwark?: { request_id?: string } } | undefined;
    for (let i = 0; i < 100 && !attack; i++) {
      const r = await signedPost(server, SEARCH_PATH, Buffer.from(JSON.stringify({ query: 'bulwark.site:demo and event.type:denied and event.kind:alert' })), 'application/json', key, SEARCH_EVENTS_ACTION);
      attack = (r.json as { events?: Array<typeof attack> }).events?.[0];
      if (!attack) await new Promise((res) => setTimeout(res, 200));
    }
    expect(attack?.bulwark?.request_id).toBe(blocked.headers.get('x-request-id'));
    expect(attack?.rule?.id).toMatch(/^waf:\d+$/);
    // the generated admin signs in (and must change the password first)
    const admin = /account (\d{16})\s+user admin\s+password (\S+)/.exec(text)!;
    const signin = await fetch(`${server}/console/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: admin[1], userName: 'admin', password: admin[2] }) });
    expect(await signin.json()).toMatchObject({ session: { nextStep: 'password_change' } });
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));

    const second = await startDev(cwd);
    child = second.child;
    expect(second.out()).not.toContain('BULWARK_ACCESS_KEY_SECRET=');
    expect(second.out()).toContain('printed at the first run');
  });
});
