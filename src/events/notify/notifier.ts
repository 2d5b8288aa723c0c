import { createTransport, type Transporter } from 'nodemailer';
import { BulwarkError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Alert } from '../alerts/alert-store.js';
import type { ChannelConfig, NotifyConfig } from './channel-config.js';
import { chatAccepted, dingtalkRequest, larkRequest, slackRequest, webhookRequest, wecomRequest, type OutgoingRequest } from './formats.js';
import { headline, markdown, plainText } from './message.js';
import { RetryExhausted, withRetry } from './retry.js';

export interface ChannelReport {
  channel: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

interface Channel {
  name: string;
  send(alerts: readonly Alert[]): Promise<void>;
  close?(): void;
}

async function post(type: string, req: OutgoingRequest, timeoutMs: number): Promise<void> {
  const response = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  const verdict = chatAccepted(type, response.status, await response.text());
  if (!verdict.ok) throw new Error(verdict.reason);
}

function channelOf(c: ChannelConfig, timeoutMs: number, now: () => number): Channel {
  switch (c.type) {
    case 'webhook':
      return { name: c.name, send: (a) => post(c.type, webhookRequest(c.url, a, c.secret, c.headers, now()), timeoutMs) };
    case 'dingtalk':
      return { name: c.name, send: (a) => post(c.type, dingtalkRequest(c.url, a, c.secret, now()), timeoutMs) };
    case 'wecom':
      return { name: c.name, send: (a) => post(c.type, wecomRequest(c.url, a), timeoutMs) };
    case 'lark':
      return { name: c.name, send: (a) => post(c.type, larkRequest(c.url, a, c.secret, now()), timeoutMs) };
    case 'slack':
      return { name: c.name, send: (a) => post(c.type, slackRequest(c.url, a), timeoutMs) };
    case 'email': {
      const transport: Transporter = createTransport({
        host: c.host,
        port: c.port,
        secure: c.secure,
        requireTLS: c.requireTls ?? !c.secure,
        connectionTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        ...(c.user ? { auth: { user: c.user, pass: c.pass ?? '' } } : {}),
      });
      return {
        name: c.name,
        send: async (a) => {
          await transport.sendMail({ from: c.from, to: c.to, subject: headline(a), text: plainText(a), html: `<pre>${markdown(a).replace(/[<>&]/g, (x) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[x] as string)}</pre>` });
        },
        close: () => transport.close(),
      };
    }
  }
}

/**
 * Sends alerts to every configured channel at once. Each channel retries with exponential back-off
 * on its own; a slow or failing channel never delays or blocks the others.
 */
export class Notifier {
  private readonly channels: Channel[];

  constructor(
    private readonly config: NotifyConfig,
    private readonly logger: Logger,
    private readonly options: { sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
  ) {
    this.channels = config.channels.map((c) => channelOf(c, config.timeoutMs, options.now ?? Date.now));
  }

  async send(alerts: readonly Alert[]): Promise<ChannelReport[]> {
    if (alerts.length === 0 || this.channels.length === 0) return [];
    const results = await Promise.allSettled(
      this.channels.map((ch) => withRetry(() => ch.send(alerts), { attempts: this.config.attempts, backoffMs: this.config.backoffMs, ...(this.options.sleep ? { sleep: this.options.sleep } : {}) })),
    );
    return results.map((r, i) => {
      const channel = (this.channels[i] as Channel).name;
      if (r.status === 'fulfilled') return { channel, ok: true, attempts: r.value.attempts };
      const attempts = r.reason instanceof RetryExhausted ? r.reason.attempts : 1;
      const error = new BulwarkError('Events.NotifyFailed', { channel, attempts, reason: r.reason instanceof Error ? r.reason.message : String(r.reason) });
      this.logger.warn({ channel, attempts, code: error.code }, error.message);
      return { channel, ok: false, attempts, error: error.message };
    });
  }

  close(): void {
    this.channels.forEach((c) => c.close?.());
  }
}
