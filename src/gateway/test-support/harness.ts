import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { Agent, request } from 'undici';
import { gatewayConfig, type GatewayConfig, type GatewayConfigInput } from '../../config/gateway.js';
import type { AccessEvent, AccessLogSink } from '../access-log.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../gateway.js';

/** What a test origin saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestOrigin {
  name: string;
  url: string;
  seen: SeenRequest[];
  server: Server;
  /** Delay before answering (ms), for timeout and least-conn tests. */
  delay: number;
  /** `/health` answers 503 when false. */
  healthy: boolean;
  stop(): Promise<void>;
}

/** An origin that answers `{"origin": name, ...}` and records every request it receives. */
export async function startOrigin(name: string): Promise<TestOrigin> {
  const seen: SeenRequest[] = [];
  const origin: TestOrigin = { name, url: '', seen, server: undefined as unknown as Server, delay: 0, healthy: true, stop: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = (): void => {
        if (res.destroyed) return;
        if (req.url === '/health' && !origin.healthy) res.statusCode = 503;
        if (req.url?.startsWith('/status/')) res.statusCode = Number(req.url.slice(8, 11));
        const out = JSON.stringify({ origin: name, url: req.url, bytes: body.length });
        res.setHeader('content-type', 'application/json');
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.end(out);
      };
      if (origin.delay > 0) setTimeout(answer, origin.delay);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin.server = server;
  origin.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin.stop = () =>
    new Promise((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return origin;
}

/** Collects access events in memory. */
export class MemoryAccessLog implements AccessLogSink {
  readonly events: AccessEvent[] = [];
  write(event: AccessEvent): void {
    this.events.push(event);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function config(input: Omit<GatewayConfigInput, 'listen'> & { listen?: GatewayConfigInput['listen'] }): GatewayConfig {
  return gatewayConfig.parse({ listen: [{ address: '127.0.0.1:0' }], accessLog: { stdout: false }, logLevel: 'silent', ...input });
}

export async function gateway(cfg: GatewayConfig, options: GatewayOptions = {}): Promise<{ gw: RunningGateway; log: MemoryAccessLog; url: string }> {
  const log = new MemoryAccessLog();
  const gw = await startGateway(cfg, { accessLog: log, drainMs: 200, ...options });
  return { gw, log, url: gw.urls[0] as string };
}

const agent = new Agent({ keepAliveTimeout: 1000, connections: 16 });

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An HTTP request through a real socket. */
export async function http(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  const r = await request(url, { method: (init.method ?? 'GET') as 'GET', headers: init.headers, body: init.body, dispatcher: agent });
  return { status: r.statusCode, headers: r.headers, text: await r.body.text() };
}

/** Sends raw bytes and returns everything the server wrote until it closed (or `waitMs` passed). */
export function raw(url: string, bytes: string, waitMs = 1500): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve) => {
    let out = '';
    const s = connect(Number(u.port), u.hostname, () => s.write(bytes));
    const timer = setTimeout(() => {
      s.destroy();
      resolve(out);
    }, waitMs);
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

export function statusOf(rawResponse: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(rawResponse)?.[1] ?? 0);
}
