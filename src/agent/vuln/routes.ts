import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FrontDoor } from '../../openapi/dispatch.js';
import type { Platform } from '../../server/platform.js';
import { parseInput, signedRoutes, type CallerAuth } from '../../server/signed-routes.js';
import { FEED_FORMATS, parseFeed } from './feed-source.js';
import { importFeed } from './feed-import.js';
import { listFeeds } from './feed-store.js';
import { listHostFindings } from './host-findings.js';
import { FEED_RESOURCE, FEEDS_PATH, HOST_FINDINGS_PATH, IMPORT_FEED_ACTION, LIST_FEEDS_ACTION, LIST_HOST_VULNERABILITIES_ACTION, MAX_FEED_BYTES, hostResource } from './paths.js';
import type { VulnTables } from './tables.js';

const importBody = z.object({
  format: z.enum(FEED_FORMATS as ['osv', 'debian']).optional(),
  source: z.string().min(1).max(2048),
  /** the feed document: an OSV record, an array of them, or the Debian tracker JSON */
  feed: z.unknown().refine((v) => v !== undefined, 'required'),
});
const findingsBody = z.object({ host: z.string().min(1).max(64), status: z.enum(['open', 'resolved', 'all']).default('open') }).strict();

export interface VulnRoutesOptions {
  platform: Platform;
  frontDoor: FrontDoor;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
}

/**
 * `POST /api/vuln/feeds/import` (a feed document, imported into the caller's account),
 * `POST /api/vuln/feeds/list` and `POST /api/vuln/findings` (a host's findings), signed like any API call.
 */
export async function vulnRoutes(app: FastifyInstance, options: VulnRoutesOptions): Promise<void> {
  const { platform } = options;
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: platform.hostId, bodyLimit: MAX_FEED_BYTES , auth: options.auth });
  const db = () => platform.storage.db<VulnTables>();

  app.post(`${FEEDS_PATH}/import`, async (req, reply) => {
    try {
      // authorize before parsing a large body
      const caller = await kit.authorize(req, IMPORT_FEED_ACTION, FEED_RESOURCE);
      const body = kit.jsonBody(req, importBody);
      const feed = parseFeed(body.feed, body.source, body.format);
      const result = await importFeed(platform, caller, feed, body.source);
      return kit.send(reply, { ...result });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(`${FEEDS_PATH}/list`, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, LIST_FEEDS_ACTION, FEED_RESOURCE);
      return kit.send(reply, { feeds: await listFeeds(db(), caller.accountId) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(HOST_FINDINGS_PATH, async (req, reply) => {
    try {
      const body = parseInput(findingsBody, kit.jsonBody(req, z.unknown()));
      const caller = await kit.authorize(req, LIST_HOST_VULNERABILITIES_ACTION, hostResource(body.host));
      return kit.send(reply, { host: body.host, findings: await listHostFindings(db(), caller.accountId, body.host, { status: body.status }) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });
}
