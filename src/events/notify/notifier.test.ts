import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import type { Alert } from '../alerts/alert-store.js';
import { notifyConfig } from './channel-config.js';
import { chatAccepted } from './formats.js';
import { Notifier } from './notifier.js';

interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

const ALERT: Alert = { id: 'alert-1', accountId: null, ruleId: 'rule-1', status: 'open', severity: 75, title: 'brute force (user.name=root)', group: { 'user.name': 'root' }, count: 7, first: Date.UTC(2026, 10, 28, 12), last: Date.UTC(2026, 10, 28, 12, 4), created: 0, updated: 0 };
const NOW = Date.UTC(2026, 10, 28, 12, 5);

describe('notifications', () => {
  let http: Server;
  let base: string;
  const received: Received[] = [];
  let flaky = 0;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const mails: string[] = [];

  beforeAll(async () => {
    http = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body });
        if (url.pathname === '/down') return void res.writeHead(503).end('down');
        if (url.pathname === '/flaky' && flaky++ < 2) return void res.writeHead(500).end();
        if (url.pathname === '/ding-error') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":310000,"errmsg":"sign not match"}');
        if (url.pathname.startsWith('/slack')) return void res.writeHead(200).end('ok');
        if (url.pathname.startsWith('/lark')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"msg":"success"}');
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (d: Buffer) => (data += d.toString()));
        stream.on('end', () => {
          mails.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => http.close(() => r()));
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('sends each platform its documented format; a failing channel does not block the others', async () => {
    const config = notifyConfig.parse({
      attempts: 3,
      backoffMs: 1,
      channels: [
        { type: 'webhook', name: 'hook', url: `${base}/hook`, secret: 'webhook-secret' },
        { type: 'dingtalk', name: 'ding', url: `${base}/robot/send?access_token=t0ken`, secret: 'SECdingsecret' },
        { type: 'wecom', name: 'wecom', url: `${base}/cgi-bin/webhook/send?key=k` },
        { type: 'lark', name: 'lark', url: `${base}/lark/hook/abc`, secret: 'larksecret' },
        { type: 'slack', name: 'slack', url: `${base}/slack/T/B/X` },
        { type: 'webhook', name: 'down', url: `${base}/down` },
        { type: 'webhook', name: 'flaky', url: `${base}/flaky` },
        { type: 'dingtalk', name: 'ding-bad', url: `${base}/ding-error` },
        { type: 'email', name: 'mail', host: '127.0.0.1', port: smtpPort, requireTls: false, from: 'bulwark@example.test', to: ['soc@example.test'] },
      ],
    });
    const waits: number[] = [];
    const notifier = new Notifier(config, createLogger({ level: 'silent' }), { now: () => NOW, sleep: async (ms) => void waits.push(ms) });
    const report = await notifier.send([ALERT]);
    notifier.close();
    expect(Object.fromEntries(report.map((r) => [r.channel, [r.ok, r.attempts]]))).toEqual({ hook: [true, 1], ding: [true, 1], wecom: [true, 1], lark: [true, 1], slack: [true, 1], down: [false, 3], flaky: [true, 3], 'ding-bad': [false, 3], mail: [true, 1] });
    expect(report.find((r) => r.channel === 'ding-bad')?.error).toContain('310000');
    expect(waits.filter((w) => w === 1).length).toBeGreaterThan(0);
    expect(waits).toContain(2); // exponential back-off

    const hook = received.find((r) => r.path === '/hook')!;
    expect(hook.headers['x-bulwark-signature']).toBe(`sha256=${createHmac('sha256', 'webhook-secret').update(hook.body).digest('hex')}`);
    expect(JSON.parse(hook.body)).toMatchObject({ version: 1, alerts: [{ id: 'alert-1', title: ALERT.title, count: 7 }] });

    const ding = received.find((r) => r.path === '/robot/send')!;
    expect(ding.query.get('access_token')).toBe('t0ken');
    expect(ding.query.get('timestamp')).toBe(String(NOW));
    expect(ding.query.get('sign')).toBe(createHmac('sha256', 'SECdingsecret').update(`${NOW}\nSECdingsecret`).digest('base64'));
    const dingBody = JSON.parse(ding.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(dingBody.msgtype).toBe('markdown');
    expect(dingBody.markdown.title).toContain('brute force');
    expect(dingBody.markdown.text).toContain('7 event(s)');

    const wecom = JSON.parse(received.find((r) => r.path === '/cgi-bin/webhook/send')!.body) as { msgtype: string; markdown: { content: string } };
    expect(wecom.msgtype).toBe('markdown');
    expect(wecom.markdown.content).toContain('brute force');

    const lark = JSON.parse(received.find((r) => r.path === '/lark/hook/abc')!.body) as { msg_type: string; content: { text: string }; timestamp: string; sign: string };
    expect(lark.msg_type).toBe('text');
    expect(lark.content.text).toContain('brute force');
    expect(lark.timestamp).toBe(String(NOW / 1000));
    expect(lark.sign).toBe(createHmac('sha256', `${lark.timestamp}\nlarksecret`).update('').digest('base64'));

    const slack = JSON.parse(received.find((r) => r.path.startsWith('/slack'))!.body) as { text: string; blocks: Array<{ type: string; text: { type: string; text: string } }> };
    expect(slack.text).toContain('brute force');
    expect(slack.blocks[0]!.type).toBe('header');
    expect(slack.blocks[1]!.text.type).toBe('mrkdwn');

    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('Subject: [Bulwark] high: brute force (user.name=root)');
    expect(mails[0]).toContain('To: soc@example.test');
  });

  it('still sends to the file’s channels when an account’s channels cannot be read', async () => {
    const before = received.length;
    const notifier = new Notifier(notifyConfig.parse({ attempts: 1, channels: [{ type: 'webhook', name: 'ops', url: `${base}/ops-only` }] }), createLogger({ level: 'silent' }), {
      accountChannels: () => Promise.reject(new Error('database down')),
    });
    const report = await notifier.send([{ ...ALERT, accountId: '1000000000000001' }]);
    notifier.close();
    expect(report).toEqual([{ channel: 'ops', ok: true, attempts: 1 }]);
    expect(received.slice(before).map((r) => r.path)).toEqual(['/ops-only']);
  });

  it('reports Slack error codes but never echoes another answer', () => {
    expect(chatAccepted('slack', 200, 'ok')).toEqual({ ok: true, reason: '' });
    expect(chatAccepted('slack', 200, 'invalid_token')).toEqual({ ok: false, reason: 'invalid_token' });
    expect(chatAccepted('slack', 200, '<html>internal admin page</html>')).toEqual({ ok: false, reason: 'unexpected answer (expected "ok")' });
    expect(chatAccepted('webhook', 500, 'secret body')).toEqual({ ok: false, reason: 'HTTP 500' });
  });

  it('reports DingTalk/WeCom/Lark error codes but never echoes another JSON answer', () => {
    expect(chatAccepted('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true, reason: '' });
    expect(chatAccepted('dingtalk', 200, '{"errcode":310000,"errmsg":"keywords not in content"}')).toEqual({ ok: false, reason: 'code 310000: keywords not in content' });
    expect(chatAccepted('lark', 200, '{"code":19021,"msg":"sign match fail"}')).toEqual({ ok: false, reason: 'code 19021: sign match fail' });
    // an internal service's answer: neither a non-numeric code nor a long or multi-line message is echoed
    expect(chatAccepted('wecom', 200, '{"code":"db-password-hunter2"}')).toEqual({ ok: false, reason: 'unexpected answer (expected an integer error code)' });
    expect(chatAccepted('lark', 200, '{"code":{"secret":"s3cr3t"}}').reason).not.toContain('s3cr3t');
    expect(chatAccepted('dingtalk', 200, JSON.stringify({ code: 1, msg: `token=${'x'.repeat(300)}` }))).toEqual({ ok: false, reason: 'code 1' });
    expect(chatAccepted('dingtalk', 200, JSON.stringify({ code: 1, msg: 'user: admin\npassword: hunter2' }))).toEqual({ ok: false, reason: 'code 1' });
    expect(chatAccepted('wecom', 200, 'null')).toEqual({ ok: false, reason: 'unexpected answer (expected a JSON object)' });
  });

  it("an email channel pointed at another service does not echo that service's answer", async () => {
    const other = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2 internal-secret-banner\r\n'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const notifier = new Notifier(notifyConfig.parse({ attempts: 1, channels: [] }), createLogger({ level: 'silent' }));
      const report = await notifier.test({ type: 'email', name: 'mail', host: '127.0.0.1', port: (other.address() as AddressInfo).port, secure: false, requireTls: false, from: 'bulwark@example.test', to: ['soc@example.test'] }, null);
      expect(report.ok).toBe(false);
      expect(report.error).toContain("the server's answer is not SMTP");
      expect(report.error).not.toContain('internal-secret-banner');
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('validates channel configuration', () => {
    expect(notifyConfig.safeParse({ channels: [{ type: 'slack', name: 'x', url: 'ftp://x' }] }).success).toBe(false);
    expect(notifyConfig.safeParse({ channels: [{ type: 'pager', name: 'x', url: 'http://x' }] }).success).toBe(false);
  });
});
