import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer as createHttp2Server, type Http2SecureServer, type Http2Session } from 'node:http2';
import { Server as NetServer, type AddressInfo, type Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { ListenerConfig } from '../config/gateway.js';
import { BulwarkError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import type { AccessLogSink } from './access-log.js';
import { renderBlockPage } from './block-page.js';
import { handleRequest, type ListenerInfo } from './handler.js';
import { normalizeIp } from './ip/ip-address.js';
import { loadCertificate, readCaBundle, type GatewayRuntime } from './runtime.js';
import type { SiteCertificate } from './site.js';

export interface OpenListener {
  readonly config: ListenerConfig;
  readonly url: string;
  readonly port: number;
  /** An http(s) server, or for `http2: true` an HTTP/2 server that also speaks HTTP/1.1. */
  readonly server: Server | Http2SecureServer;
  /** Applies the timeouts of a reloaded config (max header size needs a restart of the listener). */
  applyLimits(runtime: GatewayRuntime): void;
  close(graceMs: number): Promise<void>;
}

function parseAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i);
  return { host: host.startsWith('[') ? host.slice(1, -1) : host, port: Number(address.slice(i + 1)) };
}

function certMatches(names: readonly string[], servername: string): boolean {
  const s = servername.toLowerCase();
  return names.some((n) => n === s || (n.startsWith('*.') && s.endsWith(n.slice(1)) && !s.slice(0, -n.length + 1).includes('.')));
}

const contexts = new WeakMap<SiteCertificate, SecureContext>();

function contextFor(cert: SiteCertificate, minVersion: 'TLSv1.2' | 'TLSv1.3'): SecureContext {
  let c = contexts.get(cert);
  if (!c) {
    c = createSecureContext({ cert: cert.cert, key: cert.key, minVersion });
    contexts.set(cert, c);
  }
  return c;
}

/** Opens one HTTP or HTTPS listener; requests always see the current runtime. */
export async function openListener(config: ListenerConfig, baseDir: string, getRuntime: () => GatewayRuntime, log: AccessLogSink, index: number): Promise<OpenListener> {
  const initial = getRuntime();
  const limits = initial.config.limits;
  const common = {
    maxHeaderSize: limits.maxHeaderSize,
    requestTimeout: limits.requestTimeout,
    headersTimeout: limits.headersTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    requireHostHeader: true,
    noDelay: true,
    // How often Node sweeps for connections past headersTimeout/requestTimeout (slowloris); its default is 30 s.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeout / 2))),
  };
  const tls = config.tls;
  const info: ListenerInfo = { scheme: tls ? 'https' : 'http', clientAuth: tls?.clientAuth ?? 'none' };
  let draining = false;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    // While draining, every answer closes its connection so keep-alive clients move to another listener/worker.
    if (draining) res.shouldKeepAlive = false;
    void handleRequest(getRuntime(), info, log, req, res);
  };
  let server: Server;
  if (tls) {
    // (for `http2: true` the server is an Http2SecureServer with allowHTTP1; only what both have is used below)
    const field = `listen.${index}.tls`;
    const own = loadCertificate(baseDir, tls, field);
    const ca = tls.clientCa ? readCaBundle(baseDir, tls.clientCa, `${field}.clientCa`).map((c) => c.toString()) : undefined;
    // Per-site mTLS needs the certificate asked for on every handshake; the site stage verifies it.
    const siteMtls = (): boolean => getRuntime().sites.some((s) => s.config.tls !== undefined && s.config.tls.clientAuth !== 'none');
    const secure = {
      cert: own.cert,
      key: own.key,
      minVersion: tls.minVersion,
      requestCert: tls.clientAuth !== 'none' || siteMtls(),
      rejectUnauthorized: tls.clientAuth === 'required',
      ...(ca ? { ca } : {}),
      SNICallback: (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void) => {
        const site = getRuntime().router.match(servername);
        const certs = site?.certificates ?? [];
        const pick = certs.find((c) => certMatches(c.names, servername)) ?? certs[0];
        try {
          cb(null, pick ? contextFor(pick, tls.minVersion) : undefined);
        } catch (e) {
          cb(e as Error, undefined);
        }
      },
    };
    server = tls.http2
      ? (createHttp2Server({ ...common, ...secure, allowHTTP1: true, settings: { maxHeaderListSize: limits.maxHeaderSize } }, handler as unknown as Parameters<typeof createHttp2Server>[1]) as unknown as Server)
      : (createHttpsServer({ ...common, ...secure, ALPNProtocols: ['http/1.1'] }, handler) as unknown as Server);
  } else {
    server = createHttpServer(common, handler);
  }

  // An HTTP/2 server has no closeAllConnections(): its sessions and sockets are tracked here.
  const h2 = tls?.http2 === true;
  const sessions = new Set<Http2Session>();
  const sockets = new Set<Socket>();
  if (h2) {
    server.on('session', (session: Http2Session) => {
      sessions.add(session);
      session.once('close', () => sessions.delete(session));
    });
    // Idle HTTP/2 sessions (and slow streams) end after the request timeout.
    (server as unknown as Http2SecureServer).setTimeout(limits.requestTimeout);
  }
  const closeAllConnections = (): void => {
    if (!h2) return server.closeAllConnections();
    for (const session of sessions) session.destroy();
    for (const socket of sockets) socket.destroy();
  };

  // Per-client-IP connection cap (counted on the raw TCP socket, before TLS).
  const perIp = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    if (h2) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    const ip = normalizeIp(socket.remoteAddress ?? '');
    const n = (perIp.get(ip) ?? 0) + 1;
    if (n > getRuntime().config.limits.maxConnectionsPerIp) {
      socket.destroy();
      return;
    }
    perIp.set(ip, n);
    socket.once('close', () => {
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left <= 0) perIp.delete(ip);
      else perIp.set(ip, left);
    });
  });

  // Parser refusals (smuggling, bad headers, oversize headers, timeouts): answer 400/431/408 and close; nothing is forwarded.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const code = err.code ?? 'HPE_UNKNOWN';
    if (code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const id = newRequestId();
    const page = renderBlockPage({ status: status === 400 ? 400 : status, reason: code, requestId: id }, undefined);
    const text = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\ncontent-type: ${page.contentType}\r\ncontent-length: ${Buffer.byteLength(page.body)}\r\nx-request-id: ${id}\r\nconnection: close\r\n\r\n${page.body}`,
    );
    log.write({
      '@timestamp': new Date().toISOString(),
      event: { kind: 'event', category: ['web'], type: ['access', 'denied'], outcome: 'failure', dataset: 'bulwark.gateway' },
      source: { ip: normalizeIp(socket.remoteAddress ?? '') },
      http: { request: { id }, response: { status_code: status } },
      bulwark: { site: '-', action: 'reject', reason: code, rules: ['protocol:parser'] },
    });
  });

  const { host, port } = parseAddress(config.address);
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => reject(new BulwarkError('Gateway.ListenFailed', { address: config.address, reason: e.code ?? e.message }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    config,
    url: `${info.scheme}://${urlHost}:${actual}`,
    port: actual,
    server,
    applyLimits(runtime) {
      const l = runtime.config.limits;
      server.requestTimeout = l.requestTimeout;
      server.headersTimeout = l.headersTimeout;
      server.keepAliveTimeout = l.keepAliveTimeout;
    },
    close(graceMs) {
      draining = true;
      return new Promise((resolve) => {
        const timer = setTimeout(closeAllConnections, graceMs);
        timer.unref();
        // net.Server#close stops accepting without http.Server#close's closeIdleConnections(): an idle
        // keep-alive socket cut now could race a request the client is already sending on it. Idle
        // sockets end by keepAliveTimeout (clients stop reusing them before that), busy ones after
        // their answer (Connection: close), the rest at graceMs.
        NetServer.prototype.close.call(server, () => {
          clearTimeout(timer);
          resolve();
        });
        // HTTP/2: GOAWAY, streams in flight finish.
        for (const session of sessions) session.close();
        if (graceMs === 0) closeAllConnections();
      });
    },
  };
}
