import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { backendResponse } from './ftw-runner.js';

export interface EchoBackend {
  url: string;
  stop(): Promise<void>;
}

/**
 * The backend CRS's regression tests expect behind the WAF (like CRS's "albedo"): `POST /reflect`
 * with `{status, headers, body|encodedBody}` answers exactly that (so response rules can be tested);
 * anything else gets an empty 200. Used by `bulwark waf test-crs --http` set-ups and tests.
 */
export async function startEchoBackend(listen: { host: string; port: number }): Promise<EchoBackend> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = backendResponse({ uri: req.url ?? '/', body: Buffer.concat(chunks).toString('latin1') });
      res.statusCode = answer.status >= 100 && answer.status <= 599 ? answer.status : 200;
      for (const [k, v] of answer.headers) {
        try {
          res.setHeader(k, v);
        } catch {
          // a header Node refuses to send is left out, as a real backend would fail to send it
        }
      }
      res.end(Buffer.from(answer.body, 'latin1'));
    });
  });
  await new Promise<void>((r) => server.listen(listen.port, listen.host, r));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${listen.host}:${address.port}`,
    stop: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
