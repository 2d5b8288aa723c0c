import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { intrusionAlert } from './alert.js';
import { serverEventSink } from './event-sink.js';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function fakeServer(status: number): Promise<{ url: string; requests: Array<{ req: IncomingMessage; body: string }> }> {
  const requests: Array<{ req: IncomingMessage; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ req, body });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"accepted":1,"rejected":0}' : '{"Code":"NoPermission","Message":"denied"}');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const doc = (n: number) => intrusionAlert({ at: n, message: `m${n}`, dataset: 'agent.ssh', category: 'authentication', type: 'denied', action: 'x', severity: 'high', rule: { id: 'r', name: 'R' }, technique: 'T1110.001', techniqueName: 'Password Guessing', host: 'web1' });

describe('serverEventSink', () => {
  it('posts signed NDJSON batches to the ingest endpoint with the host id', async () => {
    const { url, requests } = await fakeServer(200);
    await serverEventSink({ server: url, key: { accessKeyId: 'AK', accessKeySecret: 'secret' }, hostId: '0123456789abcdef', batch: 2 })([doc(1), doc(2), doc(3)]);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.req.url).toBe('/api/ingest/events');
    expect(requests[0]!.req.headers['x-acs-action']).toBe('bulwark:PutEvents');
    expect(String(requests[0]!.req.headers.authorization)).toMatch(/^ACS3-HMAC-SHA256 Credential=AK,/);
    const lines = requests.flatMap((r) => r.body.trim().split('\n').map((l) => JSON.parse(l) as { host: { id: string; name: string }; bulwark: { agent_id: string }; message: string }));
    expect(lines.map((l) => [l.message, l.host.id, l.host.name, l.bulwark.agent_id])).toEqual([1, 2, 3].map((n) => [`m${n}`, '0123456789abcdef', 'web1', '0123456789abcdef']));
    expect(requests[0]!.body).not.toContain('secret');
  });

  it('rejects when the server refuses, so the detector retries', async () => {
    const { url } = await fakeServer(403);
    await expect(serverEventSink({ server: url, key: { accessKeyId: 'AK', accessKeySecret: 's' }, hostId: 'h' })([doc(1)])).rejects.toMatchObject({ code: 'Agent.ServerRejected' });
  });
});
