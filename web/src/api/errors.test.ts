import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../i18n/modules.js';
import { flattenKeys } from '../i18n/shape.js';
import { ApiError } from './client.js';
import { errorText } from './errors.js';

async function translator(lng: 'en' | 'zh-CN') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: TABLES.en }, 'zh-CN': { translation: TABLES['zh-CN'] } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n);
}

/** The codes of the catalogue fragments whose errors the console's security pages show. */
function catalogueCodes(): string[] {
  const fragments = ['events', 'alerts', 'hosts', 'vuln', 'reputation', 'posture', 'gateway'];
  return fragments.flatMap((f) => {
    const text = readFileSync(fileURLToPath(new URL(`../../../src/core/errors/${f}.ts`, import.meta.url)), 'utf8');
    return [...text.matchAll(/^\s+'([A-Za-z]+\.[A-Za-z.]+)': \{/gm)].map((m) => m[1]!);
  });
}

/** Errors the gateway renders on its block page to a visitor, never to a console user. */
const DATA_PLANE = new Set(['Gateway.AccessDenied', 'Gateway.RateLimited', 'Gateway.BadRequest', 'Gateway.PayloadTooLarge', 'Gateway.ClientCertificateRequired', 'Gateway.UpstreamUnavailable', 'Gateway.UpstreamTimeout', 'Gateway.ListenFailed']);

describe('errorText', () => {
  it('translates a code and keeps the server detail where the translation quotes it', async () => {
    const zh = await translator('zh-CN');
    const e = new ApiError(400, 'Events.InvalidRule', 'Alert rule "r" is invalid at "window": too long.', 'definition.window');
    const text = errorText(zh, e);
    expect(text).toContain('告警规则无效');
    expect(text).toContain('too long');
    expect(errorText(zh, new ApiError(409, 'Events.ChannelExists', 'A notification channel named "x" already exists.'))).toBe('已存在同名的通知渠道，请换一个名称或编辑该渠道。');
    const en = await translator('en');
    expect(errorText(en, new ApiError(404, 'Hosts.HostNotFound', 'Host "h" does not exist.'))).toBe('This host no longer exists; go back to the host list.');
  });

  it('falls back to the server message for a code without translation', async () => {
    const en = await translator('en');
    expect(errorText(en, new ApiError(500, 'Some.NewCode', 'Something happened.'))).toBe('Something happened.');
  });

  it('every console-facing code of the events, hosts, sites, vulnerability, reputation and posture catalogues is translated', () => {
    const keys = new Set(flattenKeys(TABLES.en));
    const codes = catalogueCodes().filter((c) => !DATA_PLANE.has(c));
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((c) => !keys.has(`errors.${c.replace(/\./g, '_')}`))).toEqual([]);
  });
});
