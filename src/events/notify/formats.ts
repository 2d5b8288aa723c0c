import { createHmac } from 'node:crypto';
import type { Alert } from '../alerts/alert-store.js';
import { headline, markdown, plainText } from './message.js';

/** An HTTP request a chat/webhook channel sends. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What every consumer of the generic webhook gets: a versioned JSON document. */
export function webhookRequest(url: string, alerts: readonly Alert[], secret: string | undefined, headers: Record<string, string> = {}, now = Date.now()): OutgoingRequest {
  const body = JSON.stringify({ version: 1, source: 'bulwark', sentAt: new Date(now).toISOString(), alerts });
  const out: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (secret) out['x-bulwark-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { url, headers: out, body };
}

/**
 * DingTalk custom robot: `{"msgtype":"markdown","markdown":{"title","text"}}`; with a signing
 * secret, `timestamp` (ms) and `sign` = Base64(HMAC-SHA256(secret, "timestamp\nsecret")) go in the URL.
 */
export function dingtalkRequest(url: string, alerts: readonly Alert[], secret: string | undefined, now = Date.now()): OutgoingRequest {
  let target = url;
  if (secret) {
    const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
    target += `${url.includes('?') ? '&' : '?'}timestamp=${now}&sign=${encodeURIComponent(sign)}`;
  }
  return { url: target, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: headline(alerts), text: markdown(alerts) } }) };
}

/** WeCom (WeChat Work) group robot: `{"msgtype":"markdown","markdown":{"content"}}` (content ≤ 4096 bytes). */
export function wecomRequest(url: string, alerts: readonly Alert[]): OutgoingRequest {
  let content = markdown(alerts);
  while (Buffer.byteLength(content) > 4096) content = `${content.slice(0, Math.floor(content.length * 0.9))}…`;
  return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }) };
}

/**
 * Lark / Feishu custom bot: `{"msg_type":"text","content":{"text"}}`; with a signing secret the body
 * also carries `timestamp` (seconds) and `sign` = Base64(HMAC-SHA256(key "timestamp\nsecret", "")).
 */
export function larkRequest(url: string, alerts: readonly Alert[], secret: string | undefined, now = Date.now()): OutgoingRequest {
  const body: Record<string, unknown> = { msg_type: 'text', content: { text: plainText(alerts) } };
  if (secret) {
    const timestamp = String(Math.floor(now / 1000));
    body.timestamp = timestamp;
    body.sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  }
  return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Slack incoming webhook: `{"text", "blocks":[{"type":"section","text":{"type":"mrkdwn","text"}}]}`. */
export function slackRequest(url: string, alerts: readonly Alert[]): OutgoingRequest {
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: headline(alerts).slice(0, 150) } },
    ...alerts.slice(0, 20).map((a) => ({ type: 'section', text: { type: 'mrkdwn', text: `*${a.title.replace(/[<>&]/g, ' ')}*\n${a.count} event(s) · first ${new Date(a.first).toISOString()} · id \`${a.id}\`` } })),
  ];
  return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: headline(alerts), blocks }) };
}

/** Chat APIs answer 200 with an error code in the body; this reads it. */
export function chatAccepted(type: string, status: number, text: string): { ok: boolean; reason: string } {
  if (status < 200 || status >= 300) return { ok: false, reason: `HTTP ${status}` };
  if (type === 'slack') {
    const answer = text.trim();
    if (answer === 'ok' || answer === '') return { ok: true, reason: '' };
    // Slack answers an error code (`invalid_token`, `no_service`); anything else is not echoed back,
    // so a channel pointed at another service cannot be used to read its answers
    return { ok: false, reason: /^[a-z_]{1,64}$/.test(answer) ? answer : 'unexpected answer (expected "ok")' };
  }
  if (type === 'dingtalk' || type === 'wecom' || type === 'lark') {
    try {
      const json = JSON.parse(text) as { errcode?: unknown; code?: unknown; StatusCode?: unknown; errmsg?: unknown; msg?: unknown } | null;
      if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, reason: 'unexpected answer (expected a JSON object)' };
      const code = json.errcode ?? json.code ?? json.StatusCode ?? 0;
      if (code === 0) return { ok: true, reason: '' };
      // like Slack: only the API's own error shape (an integer code, a short one-line message) is echoed,
      // so a channel pointed at another service cannot be used to read its answers
      if (!Number.isSafeInteger(code)) return { ok: false, reason: 'unexpected answer (expected an integer error code)' };
      const message = json.errmsg ?? json.msg;
      return { ok: false, reason: typeof message === 'string' && message.length <= 200 && ![...message].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) ? `code ${String(code)}: ${message}` : `code ${String(code)}` };
    } catch {
      return { ok: false, reason: 'the answer is not JSON' };
    }
  }
  return { ok: true, reason: '' };
}

/**
 * Why an SMTP delivery failed, without echoing what a non-SMTP service answered: nodemailer puts the
 * peer's answer into its messages (`Invalid greeting. response=SSH-2.0-…`), so an email channel pointed
 * at another service would read its banner. An SMTP reply (`535 5.7.8 …`) is kept (first line, clipped).
 */
export function smtpFailureReason(e: unknown): string {
  const err = (e ?? {}) as { code?: unknown; response?: unknown; message?: unknown };
  const code = typeof err.code === 'string' && /^[A-Z_]{1,32}$/.test(err.code) ? err.code : 'SMTP';
  if (typeof err.response === 'string') {
    const line = err.response.split(/\r?\n/)[0] ?? '';
    return /^[2-5]\d\d[ -]/.test(line) ? `${code}: ${line.slice(0, 200)}` : `${code}: the server's answer is not SMTP`;
  }
  return typeof err.message === 'string' ? err.message.slice(0, 200) : code;
}

