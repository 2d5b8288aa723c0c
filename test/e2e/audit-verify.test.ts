import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as AuditMigrationsModule from '../../src/audit/migrations.js';
import type * as TrailModule from '../../src/audit/trail.js';
import type * as MigrationsModule from '../../src/storage/migrations.js';
import { storageTargets, type OpenedTarget } from '../../src/storage/test-support/targets.js';
import { ROOT, assertBuilt, runCli } from './support.js';

beforeAll(() => assertBuilt());

const ACCOUNT = '1234567890123456';

/** Writes records with the built modules, then checks `bulwark audit verify` on them. */
for (const target of storageTargets()) {
  describe(`bulwark audit verify on ${target.dialect}`, () => {
    let t: OpenedTarget | undefined;
    afterEach(async () => {
      await t?.dispose();
    });

    it('passes on an intact trail and exits 1 naming the tampered record', async () => {
      t = await target.open();
      const { migrate } = (await import(pathToFileURL(join(ROOT, 'dist/storage/migrations.js')).href)) as typeof MigrationsModule;
      const { auditMigrations } = (await import(pathToFileURL(join(ROOT, 'dist/audit/migrations.js')).href)) as typeof AuditMigrationsModule;
      const { AuditTrail } = (await import(pathToFileURL(join(ROOT, 'dist/audit/trail.js')).href)) as typeof TrailModule;
      await migrate(t.storage, [auditMigrations]);
      const trail = new AuditTrail(t.storage);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const e = await trail.record({ eventName: `Op${i}`, eventSource: 'test', eventType: 'ApiCall', eventRW: 'Write', requestId: `r${i}`, userIdentity: { type: 'root-account', principalId: ACCOUNT, accountId: ACCOUNT } });
        ids.push(e.eventId);
      }
      const args = ['audit', 'verify', '--data-dir', t.dataDir, '--format', 'json'];
      const env = t.database ? { BULWARK_DATABASE_URL: `${t.database}?options=-c%20search_path%3D${t.schema}` } : {};
      const intact = runCli(args, env);
      expect(intact.stderr).toBe('');
      expect(intact.status).toBe(0);
      expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, records: 4 });

      await t.raw("update audit_events set body = replace(body, '\"Op2\"', '\"Op9\"') where event_id = $1", [ids[2]]);
      const broken = runCli(args, env);
      expect(broken.status).toBe(1);
      expect(JSON.parse(broken.stdout).firstBroken).toMatchObject({ accountId: ACCOUNT, seq: 3, eventId: ids[2] });
      const text = runCli(['audit', 'verify', '--data-dir', t.dataDir], env);
      expect(text.status).toBe(1);
      expect(text.stdout).toContain(`first broken record: account ${ACCOUNT}, #3, event ${ids[2]}`);
    });
  });
}
