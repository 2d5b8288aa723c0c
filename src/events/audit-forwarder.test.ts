import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsConfigFromEnv } from '../config/events.js';
import { createLogger } from '../core/logger.js';
import { initAccount } from '../iam/bootstrap.js';
import { openPlatform, type Platform } from '../server/platform.js';
import { AuditForwarder } from './audit-forwarder.js';
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
});
