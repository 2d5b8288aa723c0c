import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsConfigFromEnv } from '../config/events.js';
import { createLogger } from '../core/logger.js';
import { initAccount } from '../iam/bootstrap.js';
import { openPlatform, type Platform } from '../server/platform.js';
import type { AuditEventInput } from '../audit/event.js';
import { AuditForwarder } from './audit-forwarder.js';
import type { EventIngest } from './ingest.js';
import { EventService } from './service.js';

describe('audit trail → event store', () => {
  let dir: string;
  let platform: Platform;
  let events: EventService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-auditfwd-'));
    platform = await openPlatform({ dataDir: dir, logger: createLogger({ level: 'silent' }) });
    events = await EventService.open(dir, eventsConfigFromEnv({}));
  });
  afterEach(async () => {
    await events.close();
    await platform.storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards every audit record once, including sign-in failures, searchable by ECS fields', async () => {
    const { accountId } = await initAccount(platform);
    await platform.audit.record({
      eventName: 'ConsoleSignin',
      eventSource: 'signin.bulwark',
      eventType: 'ConsoleSignin',
      eventRW: 'Write',
      requestId: 'r-1',
      errorCode: 'Signin.InvalidCredentials',
      sourceIpAddress: '203.0.113.9',
      userIdentity: { type: 'ram-user', principalId: 'u1', accountId, userName: 'alice' },
    });
    const forwarder = new AuditForwarder(platform.storage, events.ingest, platform.logger);
    expect(await forwarder.forwardOnce()).toBe(2);
    expect(await forwarder.forwardOnce()).toBe(0);
    const failed = await events.search({ query: 'event.category:authentication AND event.outcome:failure AND source.ip:203.0.113.0/24' }, accountId);
    expect(failed.total).toBe(1);
    expect(failed.events[0]).toMatchObject({ event: { action: 'ConsoleSignin', code: 'Signin.InvalidCredentials', dataset: 'bulwark.audit' }, user: { name: 'alice' } });
    expect((await events.search({ query: 'event.dataset:bulwark.audit' }, accountId)).total).toBe(2);
    // another account sees none of them
    expect((await events.search({ query: 'event.dataset:bulwark.audit' }, '9999999999999999')).total).toBe(0);
  });

  const read = (accountId: string, name: string): AuditEventInput => ({
    eventName: name,
    eventSource: 'kms.aliyuncs.com',
    eventType: 'ApiCall',
    eventRW: 'Read',
    requestId: `r-${name}`,
    userIdentity: { type: 'root-account', principalId: accountId, accountId },
  });

  it('is off the request path: calls are recorded while the event store does not answer at all', async () => {
    const { accountId } = await initAccount(platform);
    const stuck = { ingest: () => new Promise(() => undefined) } as unknown as EventIngest;
    const forwarder = new AuditForwarder(platform.storage, stuck, platform.logger);
    void forwarder.forwardOnce(); // a pass that never ends
    const recorded = await Promise.all(Array.from({ length: 20 }, (_, i) => platform.audit.record(read(accountId, `Encrypt${i}`))));
    expect(recorded).toHaveLength(20);
  });

  it('a batch the store refuses is sent again at the next pass, and nothing is sent twice once accepted', async () => {
    const { accountId } = await initAccount(platform);
    for (let i = 0; i < 3; i++) await platform.audit.record(read(accountId, `Decrypt${i}`));
    let fail = true;
    const flaky = { ingest: (docs: readonly unknown[], o?: Readonly<Record<string, string>>) => (fail ? Promise.reject(new Error('store down')) : events.ingest.ingest(docs, o)) } as unknown as EventIngest;
    const forwarder = new AuditForwarder(platform.storage, flaky, platform.logger);
    await expect(forwarder.forwardOnce()).rejects.toThrow(/store down/);
    fail = false;
    expect(await forwarder.forwardOnce()).toBe(4); // initAccount's record and the three reads
    expect(await forwarder.forwardOnce()).toBe(0);
    expect((await events.search({ query: 'event.dataset:bulwark.audit' }, accountId)).total).toBe(4);
  });

  it('a graceful stop forwards what is still behind', async () => {
    const { accountId } = await initAccount(platform);
    const forwarder = new AuditForwarder(platform.storage, events.ingest, platform.logger);
    forwarder.start(3_600_000);
    for (let i = 0; i < 5; i++) await platform.audit.record(read(accountId, `GenerateDataKey${i}`));
    await forwarder.stop();
    expect((await events.search({ query: 'event.dataset:bulwark.audit' }, accountId)).total).toBe(6);
  });

  it('takes committed records from memory (no read-back) and sends exactly what the trail-reading path sends', async () => {
    const { accountId } = await initAccount(platform); // appended with its transaction: read back from the trail
    const capture = () => {
      const docs: unknown[] = [];
      return { docs, ingest: { ingest: async (d: readonly unknown[], o?: Readonly<Record<string, string>>) => (docs.push(...d.map((x) => ({ ...(x as object), ...o }))), events.ingest.ingest(d, o)) } as unknown as EventIngest };
    };
    const live = capture();
    const forwarder = new AuditForwarder(platform.storage, live.ingest, platform.logger, platform.audit);
    await Promise.all(Array.from({ length: 30 }, (_, i) => platform.audit.record({ ...read(accountId, `Encrypt${i}`), ...(i % 7 === 0 ? { errorCode: 'Forbidden.KeyNotFound', sourceIpAddress: '::ffff:192.0.2.7' } : {}) })));
    expect(await forwarder.forwardOnce()).toBe(31);
    expect(forwarder.sources).toEqual({ memory: 30, trail: 1 });
    expect(await forwarder.forwardOnce()).toBe(0);
    // a restart (fresh checkpoints, no memory) reads everything back: the same documents, in the same order
    await platform.storage.db().deleteFrom('event_audit_checkpoints' as never).execute();
    const replay = capture();
    const restarted = new AuditForwarder(platform.storage, replay.ingest, platform.logger);
    expect(await restarted.forwardOnce()).toBe(31);
    expect(restarted.sources).toEqual({ memory: 0, trail: 31 });
    expect(live.docs).toEqual(replay.docs);
    await forwarder.stop(0);
  });

  it('a gap in memory (a state change in between, or records from before the start) is read back; nothing lost, nothing twice', async () => {
    const { accountId } = await initAccount(platform);
    await platform.audit.record(read(accountId, 'BeforeStart'));
    const forwarder = new AuditForwarder(platform.storage, events.ingest, platform.logger, platform.audit);
    await platform.audit.record(read(accountId, 'Describe1'));
    await platform.storage.transaction((trx) => platform.audit.append(trx, { ...read(accountId, 'CreateKey'), eventRW: 'Write' }));
    await platform.audit.record(read(accountId, 'Describe2'));
    expect(await forwarder.forwardOnce()).toBe(5);
    expect(forwarder.sources.memory + forwarder.sources.trail).toBe(5);
    expect(forwarder.sources.memory).toBeGreaterThan(0);
    expect(await forwarder.forwardOnce()).toBe(0);
    const found = await events.search({ query: 'event.dataset:bulwark.audit' }, accountId);
    expect(found.total).toBe(5);
    expect(new Set(found.events.map((e) => (e as { event: { id: string } }).event.id)).size).toBe(5);
  });

  it('a refused batch taken from memory is sent again; after a stop nothing is held and the next start reads the trail', async () => {
    const { accountId } = await initAccount(platform);
    let fail = true;
    const flaky = { ingest: (docs: readonly unknown[], o?: Readonly<Record<string, string>>) => (fail ? Promise.reject(new Error('store down')) : events.ingest.ingest(docs, o)) } as unknown as EventIngest;
    const forwarder = new AuditForwarder(platform.storage, flaky, platform.logger, platform.audit);
    for (let i = 0; i < 3; i++) await platform.audit.record(read(accountId, `Sign${i}`));
    await expect(forwarder.forwardOnce()).rejects.toThrow(/store down/);
    fail = false;
    expect(await forwarder.forwardOnce()).toBe(4);
    expect(forwarder.sources.memory).toBe(3);
    expect((await events.search({ query: 'event.dataset:bulwark.audit' }, accountId)).total).toBe(4);
    await forwarder.stop(0);
    // after a stop, nothing is held any more: later records reach the store at the next start, from the trail
    await platform.audit.record(read(accountId, 'AfterStop'));
    const next = new AuditForwarder(platform.storage, events.ingest, platform.logger);
    expect(await next.forwardOnce()).toBe(1);
  });

  it('holds at most its limit in memory; what did not fit is read back from the trail', async () => {
    const { accountId } = await initAccount(platform);
    const forwarder = new AuditForwarder(platform.storage, events.ingest, platform.logger, platform.audit, 5);
    for (let i = 0; i < 12; i++) await platform.audit.record(read(accountId, `List${i}`));
    expect(await forwarder.forwardOnce()).toBe(13);
    expect(forwarder.sources).toEqual({ memory: 5, trail: 8 });
    expect((await events.search({ query: 'event.dataset:bulwark.audit' }, accountId)).total).toBe(13);
    await forwarder.stop(0);
  });
});
