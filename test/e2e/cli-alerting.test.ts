import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aptShellSigma } from '../../src/events/alerts/sigma/test-support/apt-shell.js';
import { createPki } from '../../src/gateway/test-support/pki.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { assertBuilt, runCliAsync, tempDir } from './support.js';

const SIGMA = aptShellSigma('high');

let t: TestServer;
beforeAll(async () => {
  assertBuilt();
  t = await startTestServer();
});
afterAll(() => t.close());

const env = (): NodeJS.ProcessEnv => ({ BULWARK_ACCESS_KEY_ID: t.root.accessKeyId, BULWARK_ACCESS_KEY_SECRET: t.root.accessKeySecret, HOOK_URL: 'http://127.0.0.1:9/hook?token=e2e-secret-token' });
const cli = (...args: string[]) => runCliAsync([...args, '--server', t.server.url], env());

describe('bulwark events rules|alerts|channels and sites certificates (built CLI)', () => {
  it('manages rules, channels and certificates with one JSON document on stdout; usage and server errors have their exit codes', async () => {
    const dir = tempDir();
    const rule = join(dir, 'apt.yml');
    writeFileSync(rule, SIGMA);
    const put = await cli('events', 'rules', 'put', '--sigma', rule, '--format', 'json');
    expect(put.status).toBe(0);
    expect(JSON.parse(put.stdout)).toMatchObject({ created: true, rule: { kind: 'sigma', severity: 75 } });
    expect(JSON.parse((await cli('events', 'rules', 'list', '--format', 'json')).stdout)).toMatchObject({ total: 1 });
    expect(JSON.parse((await cli('events', 'alerts', 'list', '--format', 'json')).stdout)).toEqual({ alerts: [], total: 0 });

    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, SIGMA.replace('CommandLine|contains', 'CommandLine|expand'));
    const refused = await cli('events', 'rules', 'put', '--sigma', bad);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${bad}:8:16: Events.SigmaUnsupported`);
    expect(refused.stdout).toBe('');

    const channel = await cli('events', 'channels', 'put', '--name', 'soc', '--type', 'slack', '--url-env', 'HOOK_URL', '--format', 'json');
    expect(channel.status).toBe(0);
    expect(JSON.parse(channel.stdout)).toMatchObject({ created: true, channel: { name: 'soc', urlHint: 'http://127.0.0.1:9/…' } });
    expect(channel.stdout + channel.stderr).not.toContain('e2e-secret-token');
    const unknown = await cli('events', 'channels', 'test', 'nowhere');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Events.ChannelNotFound');

    const pki = createPki();
    pki.ca('ca');
    pki.leaf('shop', 'ca', 'shop.test', ['shop.test']);
    const cert = await cli('sites', 'certificates', 'put', 'shop', '--cert', pki.path('shop', 'pem'), '--key', pki.path('shop', 'key'), '--format', 'json');
    expect(cert.status).toBe(0);
    expect(JSON.parse(cert.stdout)).toMatchObject({ created: true, certificate: { name: 'shop', names: ['shop.test'] } });
    expect(cert.stderr).toContain('warning: certificate shop expires in');
    const list = await cli('sites', 'certificates', 'list', '--format', 'json');
    expect(JSON.parse(list.stdout)).toMatchObject({ certificates: [{ name: 'shop', expiresSoon: true }] });

    const noServer = await runCliAsync(['sites', 'certificates', 'list'], env());
    expect(noServer.status).toBe(2);
    expect(noServer.stderr).toContain("required option '--server <url>' not specified");
    const badFormat = await cli('events', 'alerts', 'list', '--format', 'xml');
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('--format');
  });
});
