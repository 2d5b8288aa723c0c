import { describe, expect, it } from 'vitest';
import { channelDocument, channelForm, parseHeaders } from './channel-form.js';

describe('channel editor form', () => {
  it('sends only what was typed: an edit without secrets keeps the stored ones, a cleared one is removed', () => {
    expect(channelDocument({ name: 'hook', type: 'webhook', enabled: true, url: ' http://h/x ', secret: 'abcdefgh', headers: 'Authorization: Bearer t\n\nX-A: 1' })).toEqual({ type: 'webhook', name: 'hook', url: 'http://h/x', secret: 'abcdefgh', headers: { Authorization: 'Bearer t', 'X-A': '1' } });
    expect(channelDocument({ name: 'hook2', type: 'webhook', enabled: true, url: '', secret: '' })).toEqual({ type: 'webhook', name: 'hook2' });
    expect(channelDocument({ name: 'd', type: 'dingtalk', enabled: true, clearSecret: true })).toEqual({ type: 'dingtalk', name: 'd', secret: '' });
    expect(channelDocument({ name: 's', type: 'slack', enabled: true, url: 'https://hooks.slack.com/x', secret: 'ignored' })).toEqual({ type: 'slack', name: 's', url: 'https://hooks.slack.com/x' });
    expect(channelDocument({ name: 'm', type: 'email', enabled: true, host: 'smtp', from: 'a@b', to: ['c@d'], user: 'u', pass: '' })).toEqual({ type: 'email', name: 'm', host: 'smtp', port: 587, secure: false, from: 'a@b', to: ['c@d'], user: 'u' });
  });

  it('reads a stored channel without its secrets', () => {
    const form = channelForm({ channelId: 'c', name: 'm', type: 'email', enabled: false, settings: { host: 'smtp', port: 25, from: 'a@b', to: ['x@y'] }, secretSet: false, passwordSet: true, headerNames: [], createdAt: '', updatedAt: '' });
    expect(form).toMatchObject({ name: 'm', enabled: false, host: 'smtp', port: 25, to: ['x@y'] });
    expect(form.pass).toBeUndefined();
    expect(parseHeaders('no colon\n: empty')).toEqual({});
  });
});
