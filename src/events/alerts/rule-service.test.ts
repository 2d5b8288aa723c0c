import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { systemCaller } from '../../iam/caller.js';
import { openPlatform, type Platform } from '../../server/platform.js';
import { storageTargets, type OpenedTarget } from '../../storage/test-support/targets.js';
import { AlertStore } from './alert-store.js';
import { RuleService } from './rule-service.js';

const A = '1000000000000001';
const B = '1000000000000002';
const SIGMA = 'title: Shell via apt\nid: apt-shell\nlevel: high\nlogsource: {category: process_creation, product: linux}\ndetection:\n  selection:\n    CommandLine|contains: "APT::Update::Pre-Invoke::="\n  condition: selection\n';
const threshold = { kind: 'threshold', query: 'event.outcome:failure', groupBy: ['user.name'], window: '5m', threshold: 5 };

describe.each(storageTargets())('alert rules per account ($dialect)', (target) => {
  let dir: string;
  let opened: OpenedTarget;
  let platform: Platform;
  let rules: RuleService;
  const a = systemCaller(A, 'req-a');
  const b = systemCaller(B, 'req-b');
  const trail = async () =>
    (await platform.storage.db<{ audit_events: { event_name: string; body: string; seq: number } }>().selectFrom('audit_events').select(['event_name', 'body']).orderBy('seq').execute()).map((r) => ({
      event_name: r.event_name,
      params: (JSON.parse(r.body) as { requestParameters: Record<string, unknown> }).requestParameters,
    }));

  beforeAll(async () => {
    opened = await target.open();
    dir = opened.dataDir;
    platform = await openPlatform({ dataDir: dir, database: opened.database, ...(opened.schema ? { schema: opened.schema } : {}), logger: createLogger({ level: 'silent' }) });
    rules = new RuleService(platform);
  });
  afterAll(async () => {
    await platform.storage.close();
    await opened.dispose();
  });

  it('creates, lists, reads, changes and deletes an account’s rules, auditing every change', async () => {
    const created = await rules.create(a, { name: 'brute force', definition: threshold, severity: 70 });
    expect(created).toMatchObject({ accountId: A, name: 'brute force', kind: 'threshold', enabled: true, severity: 70, definition: { groupBy: ['user.name'] } });
    const sigma = await rules.create(a, { name: 'apt', definition: { kind: 'sigma', yaml: SIGMA } });
    expect(sigma).toMatchObject({ kind: 'sigma', severity: 75, title: 'Shell via apt' });
    expect((await rules.list(A)).total).toBe(2);
    expect((await rules.list(A, { kind: 'sigma' })).rules.map((r) => r.name)).toEqual(['apt']);
    expect((await rules.list(B)).total).toBe(0);
    await expect(rules.get(B, created.id)).rejects.toMatchObject({ code: 'Events.RuleNotFound' });
    await expect(rules.update(b, created.id, { enabled: false })).rejects.toMatchObject({ code: 'Events.RuleNotFound' });

    const disabled = await rules.update(a, created.id, { enabled: false });
    expect(disabled.enabled).toBe(false);
    expect((await rules.list(A, { enabled: false })).rules.map((r) => r.id)).toEqual([created.id]);
    const edited = await rules.update(a, created.id, { name: 'many failures', definition: { ...threshold, threshold: 20 } });
    expect(edited).toMatchObject({ name: 'many failures', definition: { threshold: 20 }, enabled: false });

    await rules.delete(a, sigma.id);
    await expect(rules.get(A, sigma.id)).rejects.toMatchObject({ code: 'Events.RuleNotFound' });
    const names = (await trail()).map((r) => r.event_name);
    expect(names).toEqual(expect.arrayContaining(['CreateEventRule', 'UpdateEventRule', 'DeleteEventRule']));
    const update = (await trail()).filter((r) => r.event_name === 'UpdateEventRule').map((r) => r.params as { changed: string[] });
    expect(update.map((u) => u.changed)).toEqual([['enabled'], ['name', 'definition']]);
  });

  it('restarts a rule whose definition changed (checkpoint and learned values dropped)', async () => {
    const rule = await rules.create(a, { name: 'new ip', definition: { kind: 'new_value', query: '', field: 'source.ip', learn: '1d' } });
    const store = new AlertStore(platform.storage);
    await store.commitEvaluation({ ...rule }, undefined, 1000, [], [{ hash: 'h1', value: ['1.2.3.4'], firstSeen: 1 }]);
    expect(await store.checkpoint(rule.id)).toBe(1000);
    await rules.update(a, rule.id, { severity: 90 });
    expect(await store.checkpoint(rule.id)).toBe(1000);
    await rules.update(a, rule.id, { definition: { kind: 'new_value', query: '', field: 'user.name', learn: '1d' } });
    expect(await store.checkpoint(rule.id)).toBeUndefined();
    expect((await store.knownValues(rule.id, ['h1'])).size).toBe(0);
  });

  it('refuses a bad Sigma rule with its line and column, and changes nothing', async () => {
    const bad = SIGMA.replace('CommandLine|contains', 'CommandLine|utf16le');
    const e = await rules.create(a, { name: 'bad', definition: { kind: 'sigma', yaml: bad } }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'Events.SigmaUnsupported', extra: { Field: 'definition.yaml', Line: 7, Column: 16 } });
    const before = (await rules.list(A)).total;
    const q = await rules.create(a, { name: 'q', definition: { ...threshold, query: 'user.nam:x' } }).catch((x: unknown) => x);
    expect(q).toMatchObject({ code: 'Events.UnknownField', extra: { Field: 'definition.query' } });
    expect((await rules.list(A)).total).toBe(before);
  });
});
