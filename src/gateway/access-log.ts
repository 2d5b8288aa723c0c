import { createWriteStream, type WriteStream } from 'node:fs';
import { redactUrl } from '../core/redact.js';
import type { RequestContext } from './pipeline.js';

/** What the gateway did with a request, as `bulwark.action`. */
export type GatewayAction = 'proxy' | 'block' | 'respond' | 'reject' | 'error';

export interface AccessOutcome {
  status: number;
  action: GatewayAction;
  reason?: string | undefined;
  upstream?: string | undefined;
  responseBytes?: number | undefined;
  attempts?: number | undefined;
}

/** One ECS-shaped event per request. */
export type AccessEvent = Record<string, unknown>;

export function accessEvent(ctx: RequestContext, outcome: AccessOutcome, now = Date.now()): AccessEvent {
  const durationNs = Number(process.hrtime.bigint() - ctx.startedAt);
  const query = ctx.query === '' ? undefined : redactUrl(`?${ctx.query}`).slice(1);
  const blocked = outcome.action === 'block' || outcome.action === 'reject';
  // The rule that decided (a block records its rule last), else the first that matched.
  const ruleId = blocked ? ctx.matchedRules.at(-1) : ctx.matchedRules[0];
  const wafMessage = ctx.tags['waf.messages']?.split(' | ')[0];
  const score = Number(ctx.tags['waf.inbound_score'] ?? 0);
  // attack class: the WAF's (CRS `attack-*` tag), else what refused the request (`rate limit`, `ip denied`, …)
  const category = ctx.tags['waf.category'] ?? (blocked ? outcome.reason : undefined);
  return {
    '@timestamp': new Date(now).toISOString(),
    ecs: { version: '8.11.0' },
    // Single-valued category/type: the event store keeps one keyword per field (ECS allows arrays).
    event: {
      kind: ctx.matchedRules.length > 0 ? 'alert' : 'event',
      category: 'web',
      type: blocked ? 'denied' : 'access',
      outcome: outcome.status < 400 ? 'success' : 'failure',
      duration: durationNs,
      dataset: 'bulwark.gateway',
    },
    source: { ip: ctx.clientIp },
    client: { ip: ctx.peerIp },
    http: {
      version: ctx.httpVersion,
      request: { id: ctx.id, method: ctx.method, body: { bytes: ctx.body?.length ?? 0 } },
      response: { status_code: outcome.status, ...(outcome.responseBytes !== undefined ? { body: { bytes: outcome.responseBytes } } : {}) },
    },
    url: { domain: ctx.host, path: ctx.path, ...(query !== undefined ? { query } : {}), scheme: ctx.scheme },
    user_agent: { original: ctx.headers['user-agent'] ?? '' },
    ...(ctx.tls ? { tls: { version: ctx.tls.protocol, client: { server_name: ctx.tls.servername } } } : {}),
    ...(ruleId || category ? { rule: { ...(ruleId ? { id: ruleId } : {}), ...(ruleId && wafMessage ? { name: wafMessage.slice(0, 256) } : {}), ...(category ? { category: category.slice(0, 64) } : {}) } } : {}),
    bulwark: {
      site: ctx.site.name,
      request_id: ctx.id,
      action: outcome.action,
      blocked,
      ...(score > 0 ? { score } : {}),
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      rules: ctx.matchedRules,
      ...(outcome.upstream ? { upstream: outcome.upstream } : {}),
      ...(outcome.attempts !== undefined && outcome.attempts > 1 ? { attempts: outcome.attempts } : {}),
      ...(Object.keys(ctx.tags).length > 0 ? { tags: ctx.tags } : {}),
    },
  };
}

export interface AccessLogSink {
  /** False when nothing would be written (no file, no stdout, no subscriber): the event is not even built. */
  readonly active?: boolean;
  write(event: AccessEvent): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Buffers events and writes them as NDJSON in batches (every 200 ms or 512 events) to a file and/or
 * stdout; later the same batches go to the server's ingest API.
 */
export class NdjsonAccessLog implements AccessLogSink {
  private batch: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly file: WriteStream | undefined;
  private readonly listeners: Array<(e: AccessEvent) => void> = [];

  constructor(options: { file?: string | undefined; stdout: boolean }) {
    this.file = options.file ? createWriteStream(options.file, { flags: 'a' }) : undefined;
    // A broken log file must not take the gateway down: report once, keep serving.
    this.file?.on('error', (e: NodeJS.ErrnoException) => {
      if (!this.fileFailed) process.stderr.write(`bulwark gateway: cannot write access log ${options.file}: ${e.code ?? e.message}\n`);
      this.fileFailed = true;
    });
    this.stdout = options.stdout;
  }

  private readonly stdout: boolean;
  private fileFailed = false;

  get active(): boolean {
    return this.file !== undefined || this.stdout || this.listeners.length > 0;
  }

  /** In-process subscribers (tests, `bulwark dev`). */
  subscribe(listener: (e: AccessEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  write(event: AccessEvent): void {
    for (const l of this.listeners) l(event);
    if (!this.file && !this.stdout) return;
    this.batch.push(JSON.stringify(event));
    if (this.batch.length >= 512) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), 200);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return Promise.resolve();
    const text = `${this.batch.join('\n')}\n`;
    this.batch = [];
    const writes: Array<Promise<void>> = [];
    if (this.stdout) {
      // Cluster workers share stdout: writes of at most PIPE_BUF (4 KiB) whole lines are atomic on a pipe,
      // so lines from different workers never interleave mid-line.
      for (const piece of pipeSizedPieces(text)) writes.push(new Promise((r) => process.stdout.write(piece, () => r())));
    }
    const file = this.file;
    if (file) writes.push(new Promise((r) => file.write(text, () => r())));
    return Promise.all(writes).then(() => undefined);
  }

  async close(): Promise<void> {
    await this.flush();
    const file = this.file;
    if (file) await new Promise<void>((r) => file.end(() => r()));
  }
}

/** Splits NDJSON text into pieces of whole lines, each at most 4096 bytes when the lines allow it. */
export function pipeSizedPieces(text: string, max = 4096): string[] {
  if (Buffer.byteLength(text) <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const n = Buffer.byteLength(line) + 1;
    if (size > 0 && size + n > max) {
      pieces.push(current);
      current = '';
      size = 0;
    }
    current += `${line}\n`;
    size += n;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}
