import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { migrate } from '../storage/migrations.js';
import { storageTargets, type OpenedTarget } from '../storage/test-support/targets.js';
import type { AuditEventInput } from './event.js';
import { auditMigrations } from './migrations.js';
import { queryAudit } from './query.js';
import { AuditTrail } from './trail.js';

const ACCOUNT = '1000000000000001';

function event(name: string, userName: string, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    eventName: name,
    eventSource: 'ram.aliyuncs.com',
    eventType: 'ConsoleOperation',
    eventRW: 'Write',
    requestId: `req-${name}`,
    userIdentity: { type: 'ram-user', principalId: `id-${userName}`, accountId: ACCOUNT, userName },
    ...extra,
  };
}

for (const target of storageTargets()) {
  describe(`audit query on ${target.dialect}`, () => {
    let t: OpenedTarget;
    let trail: AuditTrail;
    const clock = fixedClock(new Date('2026-03-01T00:00:00Z'));
    beforeEach(async () => {
      t = await target.open();
      await migrate(t.storage, [auditMigrations]);
      trail = new AuditTrail(t.storage, clock);
      await trail.record(event('CreateUser', 'alice', { requestParameters: { UserName: 'bob' } }));
      clock.advance(60_000);
      await trail.record(event('CreateUser', 'bob', { errorCode: 'NoPermission', errorMessage: 'denied' }));
      clock.advance(60_000);
      await trail.record(event('DeleteUser', 'a_ice'));
      clock.advance(60_000);
      await trail.record(event('CreateGroup', 'alice'));
      await trail.record({ ...event('ConsoleSignin', 'x'), recipientAccountId: '1000000000000002', userIdentity: { type: 'ram-user', principalId: 'o', accountId: '1000000000000002', userName: 'alice' } });
    });
    afterEach(async () => {
      await t.dispose();
    });
    const names = async (q: Partial<Parameters<typeof queryAudit>[1]>) => (await queryAudit(t.storage, { accountId: ACCOUNT, limit: 50, ...q })).events.map((e) => `${e.eventName}:${e.userIdentity.userName}`);

    it('filters by action, result, caller and time, newest first, within the account', async () => {
      expect(await names({})).toEqual(['CreateGroup:alice', 'DeleteUser:a_ice', 'CreateUser:bob', 'CreateUser:alice']);
      expect(await names({ eventName: 'CreateUser' })).toEqual(['CreateUser:bob', 'CreateUser:alice']);
      expect(await names({ result: 'failure' })).toEqual(['CreateUser:bob']);
      expect(await names({ result: 'success', eventName: 'CreateUser' })).toEqual(['CreateUser:alice']);
      // the caller, not a parameter naming the user, and `_` is not a wildcard
      expect(await names({ userName: 'bob' })).toEqual(['CreateUser:bob']);
      expect(await names({ userName: 'alice' })).toEqual(['CreateGroup:alice', 'CreateUser:alice']);
      expect(await names({ from: '2026-03-01T00:01:00Z', to: '2026-03-01T00:02:00Z' })).toEqual(['DeleteUser:a_ice', 'CreateUser:bob']);
    });

    it('pages backwards by sequence number', async () => {
      const first = await queryAudit(t.storage, { accountId: ACCOUNT, limit: 3 });
      expect(first.events).toHaveLength(3);
      const rest = await queryAudit(t.storage, { accountId: ACCOUNT, limit: 3, beforeSeq: first.nextBeforeSeq });
      expect(rest.events.map((e) => e.eventName)).toEqual(['CreateUser']);
      expect(rest.nextBeforeSeq).toBeUndefined();
    });
  });
}
