import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../openapi/test-support/server.js';
import { registerEvents } from './events.js';
import { startCliServer, type CliServer } from './test-support/cli-server.js';
import { runCli } from './test-support/run-cli.js';

const TOKEN = 'cli-hook-token-5521';
const SECRET = 'cli-signing-secret-8890';

let t: TestServer;
let dir: string;
let receiver: Server;
let base: string;
const received: Array<{ path: string; signature: string | undefined; body: string }> = [];
let cli: CliServer;

beforeAll(async () => {
  cli = await startCliServer('bw-cli-channels-');
  ({ t, dir } = cli);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', signature: req.headers['x-bulwark-signature'] as string | undefined, body });
      res.writeHead(req.url?.startsWith('/down') ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await cli.close();
});

const channels = async (...args: string[]) => {
  const r = await runCli(registerEvents, ['events', 'channels', ...args, '--server', t.server.url]);
  return { ...r, all: r.stdout + r.stderr };
};
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('bulwark events channels (against a real server)', () => {
  it('puts a webhook with its URL from the environment and its secret from a file, lists it without secrets, tests, updates and deletes it', async () => {
    process.env.SOC_HOOK_URL = `${base}/soc-hook?token=${TOKEN}`;
    const doc = file('siem.yaml', 'type: webhook\nname: siem\nheaders: {x-team: soc}\n');
    const secret = file('secret.txt', `${SECRET}\n`);
    const created = await channels('put', doc, '--url-env', 'SOC_HOOK_URL', '--secret-file', secret);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created channel siem \(webhook, enabled\) → http:\/\/127\.0\.0\.1:\d+\/…; secrets set: secret, header x-team; id ch-/);

    const list = await channels('list');
    expect(list.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+ENABLED\s+TARGET\s+SECRETS SET\s+ID$/);
    expect(list.stdout).toMatch(/siem\s+webhook\s+yes\s+http:\/\/127\.0\.0\.1:\d+\/…\s+secret, header x-team\s+ch-/);
    const json = await channels('list', '--format', 'json');
    const listed = JSON.parse(json.stdout) as { channels: Array<{ name: string; channelId: string; secretSet: boolean; headerNames: string[] }> };
    expect(listed.channels).toMatchObject([{ name: 'siem', secretSet: true, headerNames: ['x-team'] }]);

    const test = await channels('test', 'siem');
    expect(test.code).toBe(0);
    expect(test.stdout).toBe('test message delivered to siem\n');
    expect(received.at(-1)).toMatchObject({ path: `/soc-hook?token=${TOKEN}` });
    expect(received.at(-1)!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ source: 'bulwark', alerts: [{ id: 'alert-test' }] });

    // an update without the URL keeps it; the channel is disabled
    const updated = await channels('put', '--name', 'siem', '--disabled', '--format', 'json');
    expect(JSON.parse(updated.stdout)).toMatchObject({ created: false, channel: { name: 'siem', enabled: false, secretSet: true } });
    expect((await channels('test', listed.channels[0]!.channelId)).code).toBe(0);

    for (const out of [created, list, json, test, updated]) {
      expect(out.all).not.toContain(TOKEN);
      expect(out.all).not.toContain(SECRET);
    }

    const del = await channels('delete', 'siem', '--format', 'json');
    expect(JSON.parse(del.stdout)).toEqual({ channelId: listed.channels[0]!.channelId, deleted: true });
    expect((await channels('list')).stdout).toContain('no channel');
  });

  it('exits 1 with the code for an unknown channel or a failed delivery, 2 for a missing secret variable', async () => {
    const unknown = await channels('test', 'nowhere');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Events.ChannelNotFound');
    const unknownId = await channels('delete', 'ch-00000000-0000-4000-8000-000000000000');
    expect(unknownId.code).toBe(1);
    expect(unknownId.stderr).toContain('Events.ChannelNotFound');

    process.env.DOWN_URL = `${base}/down?token=${TOKEN}`;
    expect((await channels('put', '--name', 'down', '--type', 'slack', '--url-env', 'DOWN_URL')).code).toBe(0);
    const failed = await channels('test', 'down', '--format', 'json');
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ delivery: { ok: false } });
    expect(failed.all).not.toContain(TOKEN);

    const missing = await channels('put', '--name', 'x', '--type', 'slack', '--url-env', 'NOT_SET_ANYWHERE');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('MissingParameter');
    expect(missing.stderr).toContain('NOT_SET_ANYWHERE');

    const invalid = await channels('put', '--name', 'bad', '--type', 'carrier-pigeon');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('Events.InvalidChannel');
  });
});
