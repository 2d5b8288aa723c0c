import { Exchange, HEADERS_TIMEOUT, OriginConnection, OriginError, type ConnectionOwner, type ConnectionTarget, type OriginRequest, type ResponseHandler } from './origin-connection.js';

export interface OriginPoolOptions {
  /** Most connections open at once; further requests wait in order for a free one. */
  connections: number;
  connectTimeout: number;
  /** How long an idle connection is kept (shortened by the origin's `Keep-Alive: timeout=` hint). */
  keepAliveTimeout: number;
  maxHeaderSize: number;
}

/** Granularity of the timeouts (connect, headers, body idle, keep-alive): one sweep per pool, not a timer per request. */
const SWEEP_MS = 100;

/**
 * Keep-alive HTTP/1.1 connections to one origin (`http:` or `https:`), one exchange per connection at
 * a time. A replayable request (idempotent method) that meets a reused connection the origin had
 * already closed is sent once more on a fresh connection. After `close()` idle connections close and
 * busy ones close after their response; requests that still arrive (a reload in progress) are served
 * on connections that close after them.
 */
export class OriginPool implements ConnectionOwner {
  tick = 0;
  private readonly target: ConnectionTarget;
  private readonly idle: OriginConnection[] = [];
  private readonly all = new Set<OriginConnection>();
  private readonly queue: Exchange[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closing = false;
  private onDrained: (() => void) | undefined;

  constructor(
    url: URL,
    private readonly options: OriginPoolOptions,
  ) {
    const tls = url.protocol === 'https:';
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.target = { host, port: Number(url.port || (tls ? 443 : 80)), tls, connectTimeout: options.connectTimeout, maxHeaderSize: options.maxHeaderSize };
  }

  /** Sweeper ticks covering at least `ms` from any moment within the current tick. */
  ticks(ms: number): number {
    return Math.ceil(ms / SWEEP_MS) + 1;
  }

  /** Open connections (busy and idle). */
  get size(): number {
    return this.all.size;
  }

  request(request: OriginRequest, handler: ResponseHandler): Exchange {
    const ex = new Exchange(request, handler);
    this.dispatch(ex, false);
    return ex;
  }

  private dispatch(ex: Exchange, fresh: boolean): void {
    let conn: OriginConnection | undefined;
    if (!fresh) {
      do conn = this.idle.pop();
      while (conn !== undefined && conn.closed);
    }
    if (!conn) {
      if (this.all.size >= this.options.connections) {
        // Waiting for a connection counts toward the headers timeout.
        ex.deadline = this.tick + this.ticks(ex.request.headersTimeout);
        this.queue.push(ex);
        return;
      }
      conn = this.open();
    }
    conn.send(ex);
  }

  private open(): OriginConnection {
    const conn = new OriginConnection(this, this.target);
    this.all.add(conn);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), SWEEP_MS);
      this.timer.unref();
    }
    return conn;
  }

  release(conn: OriginConnection): void {
    let next = this.queue.shift();
    while (next !== undefined && next.done) next = this.queue.shift();
    if (next) {
      conn.send(next);
      return;
    }
    const hint = conn.keepAliveHint > 0 ? conn.keepAliveHint - 1000 : Infinity;
    const keep = Math.min(this.options.keepAliveTimeout, hint);
    if (this.closing || keep <= 0) {
      conn.destroy();
      return;
    }
    conn.idleUntil = this.tick + Math.max(1, Math.floor(keep / SWEEP_MS));
    this.idle.push(conn);
  }

  forget(conn: OriginConnection, retry: Exchange | undefined): void {
    this.all.delete(conn);
    const i = this.idle.lastIndexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    if (retry && !retry.done) this.dispatch(retry, true);
    // A queued request takes the place of the closed connection.
    while (this.queue.length > 0 && this.all.size < this.options.connections) {
      const next = this.queue.shift() as Exchange;
      if (!next.done) this.open().send(next);
    }
    if (this.all.size === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      this.onDrained?.();
    }
  }

  private sweep(): void {
    const tick = ++this.tick;
    for (const conn of this.all) {
      if (conn.exchange) conn.checkTimeout(tick);
      else if (tick >= conn.idleUntil) conn.destroy();
    }
    if (this.queue.length > 0 && (this.queue[0] as Exchange).deadline <= tick) {
      const waiting = this.queue.splice(0);
      for (const ex of waiting) {
        if (ex.done) continue;
        if (ex.deadline <= tick) ex.fail(new OriginError(HEADERS_TIMEOUT));
        else this.queue.push(ex);
      }
    }
  }

  /** Closes idle connections now and the others once their response is complete. */
  close(): Promise<void> {
    this.closing = true;
    for (const conn of this.idle.splice(0)) conn.destroy();
    if (this.all.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onDrained = resolve;
    });
  }
}
