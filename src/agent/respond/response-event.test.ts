import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../events/normalize.js';
import { responseEvent } from './response-event.js';

describe('responseEvent', () => {
  it('turns logged actions into valid ECS events with the target in its ECS field', () => {
    const block = responseEvent({ id: 'r-1', at: '2026-11-29T01:00:00.000Z', action: 'block', target: '203.0.113.5', outcome: 'done', details: { durationSeconds: 3600 }, undo: { action: 'unblock', target: '203.0.113.5' }, actor: 'policy:ssh-bruteforce' }, 'web-01');
    const kill = responseEvent({ id: 'r-2', at: '2026-11-29T01:00:01.000Z', action: 'kill', target: '4242', outcome: 'done', details: { name: 'sh', commandLine: 'sh -i', signal: 'SIGTERM' }, undo: null, actor: 'cli:root' }, 'web-01');
    const r1 = normalizeEvent(block, 0, 0);
    const r2 = normalizeEvent(kill, 1, 0);
    expect(r1).toMatchObject({ ok: true, event: { fields: { 'source.ip': '203.0.113.5', 'event.action': 'response-block', 'user.name': 'policy:ssh-bruteforce', 'bulwark.action': 'block', 'host.name': 'web-01' }, extra: { 'response.undo.action': 'unblock' } } });
    expect(r2).toMatchObject({ ok: true, event: { fields: { 'process.pid': 4242, 'process.name': 'sh', 'event.dataset': 'agent.response' } } });
  });
});
