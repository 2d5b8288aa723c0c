import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { HTTPParser, type NativeHttpParser } from './native-parser.js';

/** A failed exchange with an origin: a socket error code (`ECONNREFUSED`…), an llhttp `HPE_*` code or one of ours. */
export class OriginError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Our codes: the origin closed before the response was complete, timeouts, an answer we never asked for. */
export const CLOSED = 'UPSTREAM_CLOSED';
export const CONNECT_TIMEOUT = 'UPSTREAM_CONNECT_TIMEOUT';
export const HEADERS_TIMEOUT = 'UPSTREAM_HEADERS_TIMEOUT';
export const BODY_TIMEOUT = 'UPSTREAM_BODY_TIMEOUT';
export const UNEXPECTED = 'UPSTREAM_UNEXPECTED_RESPONSE';

/** What the proxy does with one response; calls arrive in order: head, data*, then end or error (once). */
export interface ResponseHandler {
  /** Status and header fields in wire order (`[name, value, …]`, names as the origin sent them); 1xx responses are skipped. */
  onHead(status: number, rawHeaders: string[]): void;
  onData(chunk: Buffer): void;
  /** The body is complete; `tail` is its last chunk when it arrived with the end (one write for head, body and end). */
  onEnd(tail: Buffer | undefined): void;
  onError(err: OriginError): void;
}

export interface OriginRequest {
  readonly method: string;
  /** Request line and header fields, each CRLF-terminated, blank line included (sent as latin1, like node:http). */
  readonly head: string;
  readonly body: Buffer | null;
  readonly headersTimeout: number;
  readonly bodyTimeout: number;
  /** May be sent again on a fresh connection when a reused keep-alive connection turns out closed before any answer. */
  readonly replayable: boolean;
}

/** The pool as a connection sees it. */
export interface ConnectionOwner {
  readonly tick: number;
  ticks(ms: number): number;
  /** The connection finished its exchange and may serve another one. */
  release(conn: OriginConnection): void;
  /** The connection is gone (closed, failed); `retry` is an exchange to send again on a fresh connection. */
  forget(conn: OriginConnection, retry: Exchange | undefined): void;
}

/** One request/response on a connection; the proxy holds it to pause, resume or abort the response. */
export class Exchange {
  conn: OriginConnection | undefined;
  /** Set once the final (non-1xx) response head arrived. */
  answered = false;
  /** Set once the handler heard its last call (end or error), or on abort. */
  done = false;
  paused = false;
  replayed = false;
  /** Tick of the pool's sweeper at which the current timeout (connect, headers or body idle) expires. */
  deadline = 0;
  /** Body chunks (and the end) that arrived while paused: a pause stops deliveries at once. */
  private backlog: Buffer[] | undefined;
  private ended = false;

  constructor(
    readonly request: OriginRequest,
    readonly handler: ResponseHandler,
  ) {}

  pause(): void {
    this.paused = true;
    this.conn?.socket.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const backlog = this.backlog;
    if (backlog) {
      while (backlog.length > 0 && !this.paused && !this.done) this.handler.onData(backlog.shift() as Buffer);
      if (backlog.length > 0 || this.paused || this.done) return;
      this.backlog = undefined;
    }
    // the response ended while paused (an empty body ends with its head, before any chunk)
    if (this.ended && !this.done) {
      this.done = true;
      this.handler.onEnd(undefined);
      return;
    }
    const conn = this.conn;
    if (!conn) return;
    this.deadline = conn.owner.tick + conn.owner.ticks(this.request.bodyTimeout);
    conn.socket.resume();
  }

  /** A body chunk from the connection. */
  data(chunk: Buffer): void {
    if (this.done) return;
    if (this.paused || this.backlog) (this.backlog ??= []).push(chunk);
    else this.handler.onData(chunk);
  }

  /** The response is complete (the connection is already free for others). */
  end(tail: Buffer | undefined): void {
    this.conn = undefined;
    if (this.done) return;
    if (this.paused || this.backlog) {
      if (tail) (this.backlog ??= []).push(tail);
      this.ended = true;
      return;
    }
    this.done = true;
    this.handler.onEnd(tail);
  }

  /** Stops the exchange (client gone, response blocked): its connection is closed, the handler hears nothing more. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    this.conn?.destroy();
  }

  fail(err: OriginError): void {
    if (this.done) return;
    this.done = true;
    this.handler.onError(err);
  }
}

export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly connectTimeout: number;
  readonly maxHeaderSize: number;
}

/**
 * Cleartext sockets read into this one buffer (`onread`, no stream chunks): llhttp copies what it
 * hands on (header strings, body chunks), and every read is parsed before the next one.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

function openSocket(target: ConnectionTarget, onRead: (data: Buffer) => void): Socket {
  if (!target.tls) {
    return netConnect({ host: target.host, port: target.port, noDelay: true, onread: { buffer: READ_BUFFER, callback: (n: number, buf: Uint8Array): boolean => {
          onRead((buf as Buffer).subarray(0, n));
          return true;
        } } });
  }
  // Certificates are verified against the system CAs; SNI is the host name (never an IP literal).
  const socket = tlsConnect({ host: target.host, port: target.port, servername: isIP(target.host) === 0 ? target.host : undefined, ALPNProtocols: ['http/1.1'] });
  socket.on('data', onRead);
  return socket;
}

/**
 * One keep-alive HTTP/1.1 connection to an origin, reading responses with Node's llhttp binding
 * (the parser node:http uses). One exchange at a time (no pipelining). An answer nobody asked for —
 * bytes before a request was sent, or a second response to one request — closes the connection,
 * so one client's response can never be served to another (no response-queue poisoning).
 */
export class OriginConnection {
  readonly socket: Socket;
  private readonly parser: NativeHttpParser;
  exchange: Exchange | undefined;
  /** Completed exchanges: a reused connection may have been closed by the origin while idle. */
  served = 0;
  connecting = true;
  /** Tick at which an idle connection is closed. */
  idleUntil = 0;
  private keepAlive = false;
  private informational = false;
  private completed = false;
  private dead = false;
  private error: string | undefined;
  private held: Buffer | undefined;
  private extraHeaders: string[] = [];
  /** Origin's `Keep-Alive: timeout=N` hint in ms (0 when none). */
  keepAliveHint = 0;
  private readonly connectTimeout: number;

  constructor(
    readonly owner: ConnectionOwner,
    target: ConnectionTarget,
  ) {
    const socket = openSocket(target, (data) => this.onData(data));
    this.socket = socket;
    const parser = new HTTPParser();
    parser.initialize(HTTPParser.RESPONSE, {}, target.maxHeaderSize, HTTPParser.kLenientNone);
    this.parser = parser;
    parser[0 /* kOnMessageBegin */] = (): void => {
      // A response with no exchange waiting for it: the origin answered twice or unasked.
      if (!this.exchange || this.exchange.answered && !this.informational) this.poison();
    };
    parser[HTTPParser.kOnHeaders] = (headers: string[]): void => {
      this.extraHeaders.push(...headers);
    };
    parser[HTTPParser.kOnHeadersComplete] = (_major: number, _minor: number, headers: string[] | undefined, _m: unknown, _u: unknown, status: number, _msg: unknown, upgrade: boolean, keepAlive: boolean): number => {
      const ex = this.exchange;
      let raw = headers;
      if (raw === undefined) {
        raw = this.extraHeaders;
        this.extraHeaders = [];
      }
      if (!ex || this.dead) return 1;
      if (status === 101 || upgrade) {
        // Upgrades are never asked for (Upgrade/Connection are not forwarded).
        this.failWith(UNEXPECTED);
        return 1;
      }
      if (status < 200) {
        // 1xx (103 Early Hints…): skipped, the final response follows.
        this.informational = true;
        return 1;
      }
      this.keepAlive = keepAlive;
      this.keepAliveHint = keepAliveTimeoutHint(raw);
      ex.answered = true;
      ex.deadline = owner.tick + owner.ticks(ex.request.bodyTimeout);
      ex.handler.onHead(status, raw);
      return ex.request.method === 'HEAD' ? 1 : 0;
    };
    parser[HTTPParser.kOnBody] = (chunk: Buffer): void => {
      const ex = this.exchange;
      if (!ex || ex.done) return;
      ex.deadline = owner.tick + owner.ticks(ex.request.bodyTimeout);
      const held = this.held;
      this.held = chunk;
      if (held) ex.data(held);
    };
    parser[HTTPParser.kOnMessageComplete] = (): void => {
      if (this.informational) {
        this.informational = false;
        return;
      }
      const ex = this.exchange;
      if (!ex || !ex.answered) return;
      const tail = this.held;
      this.held = undefined;
      this.completed = true;
      if (!this.keepAlive) this.dead = true;
      ex.end(tail);
    };
    this.connectTimeout = target.connectTimeout;
    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      this.connecting = false;
      // The headers timeout runs from when the request could leave.
      const ex = this.exchange;
      if (ex && !ex.answered) ex.deadline = owner.tick + owner.ticks(ex.request.headersTimeout);
    });
    socket.on('end', () => this.onEnd());
    socket.on('error', (e: NodeJS.ErrnoException) => {
      this.error ??= e.code ?? 'ECONNRESET';
    });
    socket.on('close', () => this.onClose());
  }

  /** Sends a request (head and body in one write). */
  send(ex: Exchange): void {
    this.exchange = ex;
    this.completed = false;
    ex.conn = this;
    const owner = this.owner;
    ex.deadline = owner.tick + owner.ticks(this.connecting ? this.connectTimeout : ex.request.headersTimeout);
    const socket = this.socket;
    // The previous exchange may have paused reading (its response ended while its client was slow).
    if (socket.isPaused()) socket.resume();
    const body = ex.request.body;
    if (body === null) {
      socket.write(ex.request.head, 'latin1');
    } else {
      socket.cork();
      socket.write(ex.request.head, 'latin1');
      socket.write(body);
      socket.uncork();
    }
  }

  private onData(data: Buffer): void {
    if (!this.exchange || this.dead) {
      // Bytes while idle: nobody asked for them.
      this.poison();
      return;
    }
    const r = this.parser.execute(data);
    if (typeof r !== 'number') {
      this.failWith(r.code);
      return;
    }
    const ex = this.exchange;
    if (this.held && ex) {
      const held = this.held;
      this.held = undefined;
      ex.data(held);
    }
    if (this.completed) this.finishExchange();
  }

  private finishExchange(): void {
    this.completed = false;
    this.exchange = undefined;
    this.served++;
    if (this.dead) {
      this.destroy();
      return;
    }
    this.owner.release(this);
  }

  private onEnd(): void {
    if (this.exchange && !this.dead) {
      // A close-delimited body ends here; anything else still open was cut short.
      const r = this.parser.finish();
      if (r !== undefined && typeof r !== 'number') this.error ??= r.code;
      if (this.completed) {
        this.dead = true;
        this.finishExchange();
        return;
      }
    }
    this.destroy();
  }

  private onClose(): void {
    this.dead = true;
    this.connecting = false;
    const ex = this.exchange;
    this.exchange = undefined;
    this.parser.free();
    let retry: Exchange | undefined;
    if (ex && !ex.done) {
      const code = this.error ?? CLOSED;
      const stale = this.served > 0 && !ex.answered && (code === CLOSED || code === 'ECONNRESET' || code === 'EPIPE');
      if (stale && ex.request.replayable && !ex.replayed) {
        ex.replayed = true;
        ex.conn = undefined;
        retry = ex;
      } else {
        ex.fail(new OriginError(code));
      }
    }
    this.owner.forget(this, retry);
  }

  /** Sweeper check: connect, headers and body idle timeouts of the exchange. */
  checkTimeout(tick: number): void {
    const ex = this.exchange;
    if (!ex || ex.done || ex.paused || tick < ex.deadline) return;
    this.failWith(this.connecting ? CONNECT_TIMEOUT : ex.answered ? BODY_TIMEOUT : HEADERS_TIMEOUT);
  }

  private failWith(code: string): void {
    this.error ??= code;
    const ex = this.exchange;
    this.dead = true;
    if (ex && !ex.done) ex.fail(new OriginError(code));
    this.destroy();
  }

  private poison(): void {
    this.failWith(UNEXPECTED);
  }

  destroy(): void {
    this.dead = true;
    this.socket.destroy();
  }

  get closed(): boolean {
    return this.dead;
  }
}

/** `Keep-Alive: timeout=N` of a response, in ms (0 when absent). */
function keepAliveTimeoutHint(raw: readonly string[]): number {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 10 && name.toLowerCase() === 'keep-alive') {
      const m = /timeout=(\d+)/i.exec(raw[i + 1] as string);
      if (m) return Number(m[1]) * 1000;
    }
  }
  return 0;
}
