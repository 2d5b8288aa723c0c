import { describe, expect, it } from 'vitest';
import { normalizeEvent } from './normalize.js';
import { FIELDS } from './schema.js';

const NOW = Date.UTC(2026, 10, 28);

describe('event normalisation', () => {
  it('has at least 50 typed ECS fields with unique columns', () => {
    expect(FIELDS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(FIELDS.map((f) => f.column)).size).toBe(FIELDS.length);
  });

  it('accepts nested ECS and dotted names, coerces types and keeps the rest in extra', () => {
    const r = normalizeEvent({ '@timestamp': '2026-11-28T01:02:03.004Z', source: { ip: '10.0.0.1', port: '443', geo: { city_name: 'Hangzhou' } }, 'user.name': 'alice', bulwark: { blocked: 'true', score: '2.5' }, k8s: { pod: 'x' }, extra: { team: 'red' }, tags: ['a'] }, 0, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event.timestamp).toBe(Date.UTC(2026, 10, 28, 1, 2, 3, 4));
    expect(r.event.fields).toMatchObject({ 'source.ip': '10.0.0.1', 'source.port': 443, 'source.geo.city_name': 'Hangzhou', 'user.name': 'alice', 'bulwark.blocked': true, 'bulwark.score': 2.5 });
    expect(r.event.extra).toEqual({ 'k8s.pod': 'x', team: 'red', tags: ['a'] });
    expect(r.event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('follows dotted keys at any depth and keeps non-schema keys under schema objects in extra', () => {
    const r = normalizeEvent({ 'source.geo': { country_iso_code: 'CN', zone: 'a' }, http: { 'response.status_code': '404', 'response.x': 1 }, event: { id: 'x', custom: { deep: true } }, '': { user: { name: 'eve' } } }, 0, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event.fields).toEqual({ 'source.geo.country_iso_code': 'CN', 'http.response.status_code': 404, 'event.id': 'x', 'user.name': 'eve' });
    expect(r.event.extra).toEqual({ 'source.geo.zone': 'a', 'http.response.x': 1, 'event.custom.deep': true });
  });

  it('defaults the timestamp to the ingest time and keeps a given event.id', () => {
    const r = normalizeEvent({ event: { id: 'abc' } }, 0, NOW);
    expect(r).toMatchObject({ ok: true, event: { id: 'abc', timestamp: NOW } });
  });

  it('reports the bad field of a bad event', () => {
    expect(normalizeEvent({ source: { ip: '999.1.1.1' } }, 3, NOW)).toEqual({ ok: false, problem: { index: 3, field: 'source.ip', reason: 'expected an IPv4 or IPv6 address' } });
    expect(normalizeEvent({ source: { port: 'http' } }, 0, NOW)).toMatchObject({ ok: false, problem: { field: 'source.port' } });
    expect(normalizeEvent({ '@timestamp': 'yesterday' }, 0, NOW)).toMatchObject({ ok: false, problem: { field: '@timestamp' } });
    expect(normalizeEvent('text', 0, NOW)).toMatchObject({ ok: false, problem: { field: '' } });
    expect(normalizeEvent({ blob: 'x'.repeat(70_000) }, 0, NOW)).toMatchObject({ ok: false, problem: { field: 'extra' } });
  });
});
