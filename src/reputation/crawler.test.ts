import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import type { EventService } from '../events/service.js';
import { systemCaller } from '../iam/caller.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { CrawlerVerifier, type Resolver } from './crawler.js';
import { DecisionStore } from './decision-store.js';
import { ReputationService } from './service.js';

/** A DNS where 66.249.66.1 is Googlebot (PTR + matching A), 203.0.113.66 only claims to be (PTR, no A). */
const dns: Resolver = {
  reverse: async (ip) => (ip === '66.249.66.1' ? ['crawl-66-249-66-1.googlebot.com.'] : ip === '203.0.113.66' ? ['crawl-fake.googlebot.com'] : Promise.reject(new Error('ENOTFOUND'))),
  lookup: async (host) => (host === 'crawl-66-249-66-1.googlebot.com' ? ['66.249.66.1'] : host === 'crawl-fake.googlebot.com' ? ['198.51.100.1'] : []),
};

describe('search-engine crawler verification', () => {
  it('needs the PTR suffix and the forward lookup back to the address', async () => {
    const v = new CrawlerVerifier(undefined, dns);
    expect(await v.isCrawler('66.249.66.1')).toBe(true);
    expect(await v.isCrawler('203.0.113.66')).toBe(false);
    expect(await v.isCrawler('192.0.2.1')).toBe(false);
    expect(await v.isCrawler('not-an-ip')).toBe(false);
  });

  describe('in the reputation service', () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer();
    });
    afterAll(() => t.close());

    it('never bans a verified crawler when enabled, and bans the impostor', async () => {
      const store = new DecisionStore(t.server.platform);
      const account = t.root.accountId;
      await store.setSettings(systemCaller(account, 'req-1'), { crawlers: { enabled: true } });
      const service = new ReputationService({ store, events: undefined as unknown as EventService, logger: createLogger({ level: 'silent' }), resolver: dns });
      const now = Date.now();
      for (const ip of ['66.249.66.1', '203.0.113.66']) {
        for (let i = 0; i < 25; i++) await service.addSignal(account, { type: 'probe', ip, at: now + i, eventId: `e${i}`, detail: `/page-${i}` });
      }
      const banned = (await store.active(account)).filter((d) => d.action === 'ban').map((d) => d.value);
      expect(banned).toContain('203.0.113.66');
      expect(banned).not.toContain('66.249.66.1');
    });
  });
});
