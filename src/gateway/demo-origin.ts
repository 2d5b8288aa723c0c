import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DemoOrigin {
  readonly url: string;
  stop(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bulwark demo app</title></head>
<body><h1>Bulwark demo app</h1>
<p>This page is served by a tiny origin behind the Bulwark gateway.</p>
<p>Try <a href="/api/echo?q=hello">/api/echo?q=hello</a>.</p></body></html>
`;

/** A small origin for `bulwark dev` and tests: an HTML page at `/`, query parameters echoed as JSON at `/api/echo`. */
export async function startDemoOrigin(options: { host?: string; port?: number } = {}): Promise<DemoOrigin> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://origin.invalid');
    if (url.pathname === '/api/echo') {
      const body = JSON.stringify({ query: Object.fromEntries(url.searchParams), method: req.method, path: url.pathname });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(PAGE) });
      res.end(req.method === 'HEAD' ? undefined : PAGE);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
