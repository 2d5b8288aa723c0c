import { createTransport, type Transporter } from 'nodemailer';
import { BulwarkError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Alert } from '../alerts/alert-store.js';
import type { ChannelConfig, NotifyConfig } from './channel-config.js';
import { chatAccepted, dingtalkRequest, larkRequest, slackRequest, smtpFailureReason, webhookRequest, wecomRequest, type OutgoingRequest } from './formats.js';
import { headline, markdown, plainText } from './message.js';
import { RetryExhausted, withRetry } from './retry.js';

export interface ChannelReport {
  channel: string;
  /** set for a channel of an account (database), absent for the file's channels */
  accountId?: string;
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
          await transport.sendMail({ from: c.from, to: c.to, subject: headline(a), text: plainText(a), html: `<pre>${markdown(a).replace(/[<>&]/g, (x) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[x] as string)}</pre>` }).catch((e: unknown) => {
            throw new Error(smtpFailureReason(e));
          });
        },
        close: () => transport.close(),
      };
    }
  }
}

export interface NotifierOptions {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** the enabled channels an account keeps in the database (console / API), secrets opened */
  accountChannels?: (accountId: string) => Promise<ChannelConfig[]>;
}

interface Delivery {
  channel: Channel;
  alerts: readonly Alert[];
  accountId?: string;
}

/** The alert a test message carries: clearly marked, never stored. */
export function testAlert(accountId: string | null, now: number): Alert {
  return { id: 'alert-test', accountId, ruleId: 'test', status: 'open', severity: 10, title: 'Test message from Bulwark: this channel works', group: {}, count: 0, first: now, last: now, created: now, updated: now };
}

/**
 * Sends alerts to every channel at once: the channels of the file configuration
 * (`<dataDir>/events/notify.yaml`) get every alert, as before; the channels an account keeps in the
 * database get that account's alerts only. Each channel retries with exponential back-off on its
 * own; a slow or failing channel never delays or blocks the others.
 */
export class Notifier {
  private readonly channels: Channel[];
  private readonly now: () => number;

  constructor(
    private readonly config: NotifyConfig,
    private readonly logger: Logger,
    private readonly options: NotifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.channels = config.channels.map((c) => channelOf(c, config.timeoutMs, this.now));
  }

  private async accountDeliveries(alerts: readonly Alert[]): Promise<Delivery[]> {
    const load = this.options.accountChannels;
    if (!load) return [];
    const byAccount = new Map<string, Alert[]>();
    for (const a of alerts) if (a.accountId !== null) byAccount.set(a.accountId, [...(byAccount.get(a.accountId) ?? []), a]);
    const out: Delivery[] = [];
    for (const [accountId, own] of byAccount) {
      try {
        for (const c of await load(accountId)) out.push({ channel: channelOf(c, this.config.timeoutMs, this.now), alerts: own, accountId });
      } catch (e) {
        this.logger.warn({ accountId, err: e }, 'loading notification channels failed');
      }
    }
    return out;
  }

  private async deliver(deliveries: readonly Delivery[], attempts: number): Promise<ChannelReport[]> {
    const results = await Promise.allSettled(deliveries.map((d) => withRetry(() => d.channel.send(d.alerts), { attempts, backoffMs: this.config.backoffMs, ...(this.options.sleep ? { sleep: this.options.sleep } : {}) })));
    return results.map((r, i) => {
      const d = deliveries[i] as Delivery;
      const channel = d.channel.name;
      const account = d.accountId !== undefined ? { accountId: d.accountId } : {};
      if (r.status === 'fulfilled') return { channel, ...account, ok: true, attempts: r.value.attempts };
      const tries = r.reason instanceof RetryExhausted ? r.reason.attempts : 1;
      const error = new BulwarkError('Events.NotifyFailed', { channel, attempts: tries, reason: r.reason instanceof Error ? r.reason.message : String(r.reason) });
      this.logger.warn({ channel, ...account, attempts: tries, code: error.code }, error.message);
      return { channel, ...account, ok: false, attempts: tries, error: error.message };
    });
  }

  async send(alerts: readonly Alert[]): Promise<ChannelReport[]> {
    if (alerts.length === 0) return [];
    const own = await this.accountDeliveries(alerts);
    try {
      return await this.deliver([...this.channels.map((channel) => ({ channel, alerts })), ...own], this.config.attempts);
    } finally {
      own.forEach((d) => d.channel.close?.());
    }
  }

  /** Sends one test message to a channel, once (no retry), and says whether it was delivered. */
  async test(config: ChannelConfig, accountId: string | null): Promise<ChannelReport> {
    const channel = channelOf(config, this.config.timeoutMs, this.now);
    try {
      const [report] = await this.deliver([{ channel, alerts: [testAlert(accountId, this.now())], ...(accountId !== null ? { accountId } : {}) }], 1);
      return report as ChannelReport;
    } finally {
      channel.close?.();
    }
  }

  close(): void {
    this.channels.forEach((c) => c.close?.());
  }
}
