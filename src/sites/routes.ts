import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FrontDoor } from '../openapi/dispatch.js';
import { awaitChange } from '../server/long-poll.js';
import { parseInput, signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import { gatewayStatusReport } from './gateway-status.js';
import { GATEWAY_STATUS_PATH, LIST_GATEWAYS_ACTION, REPORT_GATEWAY_STATUS_ACTION, CERTIFICATES_PATH, DELETE_CERTIFICATE_ACTION, DELETE_SITE_ACTION, GATEWAY_CONFIG_PATH, LIST_CERTIFICATES_ACTION, PUT_CERTIFICATE_ACTION, GET_GATEWAY_CONFIG_ACTION, LIST_SITES_ACTION, PUT_SITE_ACTION, SITES_PATH, revisionEtag } from './paths.js';
import type { RevisionSignal } from './revision-signal.js';
import type { SiteStore } from './site-store.js';

/** Longest long-poll a gateway may ask for, in seconds. */
export const MAX_WAIT_SECONDS = 60;

const putBody = z.object({ site: z.record(z.string(), z.unknown()) }).strict();
const deleteBody = z.object({ name: z.string().min(1).max(64) }).strict();
const pem = z.string().min(1).max(64 * 1024);
const putCertificateBody = z.object({ name: z.string().min(1).max(64), cert: pem, key: pem }).strict();
const configQuery = z.object({ wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).default(0) });

const siteResource = (name: string): string => `acs:bulwark:*:*:site/${name}`;
const certificateResource = (name: string): string => `acs:bulwark:*:*:certificate/${name}`;

/** Reputation bans pushed to managed gateways with their sites (see src/reputation/). */
export interface BanSource {
  revision(accountId: string): Promise<number>;
  bans(accountId: string): Promise<string[]>;
  readonly changes: RevisionSignal;
}

export interface SitesRoutesOptions {
  sites: SiteStore;
  bans?: BanSource;
  frontDoor: FrontDoor;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
  hostId: string;
  /** Also register the routes only gateways call: the config pull (it carries certificate keys) and status reports (default true; the console mount leaves them out). */
  gatewayRoutes?: boolean;
}

/**
 * Managed gateway sites, signed like any API call: `POST /api/gateway/sites/{put,delete,list}`, their
 * certificates `POST /api/gateway/certificates/{put,delete,list}` (the key sealed, never answered), and
 * the gateways' `GET /api/gateway/config?wait=N` long-poll (`If-None-Match` → 304 when unchanged), and
 * their status reports `POST /api/gateway/status` (listed by `POST /api/gateway/status/list`).
 */
export async function sitesRoutes(app: FastifyInstance, options: SitesRoutesOptions): Promise<void> {
  const { sites } = options;
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: options.hostId, bodyLimit: 1024 * 1024 , auth: options.auth });

  app.post(`${SITES_PATH}/put`, async (req, reply) => {
    try {
      const body = kit.jsonBody(req, putBody);
      const name = typeof body.site.name === 'string' ? body.site.name : '';
      const caller = await kit.authorize(req, PUT_SITE_ACTION, siteResource(name));
      return kit.send(reply, await sites.put(caller, body.site));
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(`${SITES_PATH}/delete`, async (req, reply) => {
    try {
      const body = kit.jsonBody(req, deleteBody);
      const caller = await kit.authorize(req, DELETE_SITE_ACTION, siteResource(body.name));
      return kit.send(reply, await sites.delete(caller, body.name));
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(`${SITES_PATH}/list`, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, LIST_SITES_ACTION, siteResource('*'));
      return kit.send(reply, { revision: await sites.revision(caller.accountId), sites: await sites.list(caller.accountId) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(`${CERTIFICATES_PATH}/put`, async (req, reply) => {
    try {
      const body = kit.jsonBody(req, putCertificateBody);
      const caller = await kit.authorize(req, PUT_CERTIFICATE_ACTION, certificateResource(body.name));
      return kit.send(reply, await sites.putCertificate(caller, body));
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(`${CERTIFICATES_PATH}/delete`, async (req, reply) => {
    try {
      const body = kit.jsonBody(req, deleteBody);
      const caller = await kit.authorize(req, DELETE_CERTIFICATE_ACTION, certificateResource(body.name));
      return kit.send(reply, await sites.deleteCertificate(caller, body.name));
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(`${CERTIFICATES_PATH}/list`, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, LIST_CERTIFICATES_ACTION, certificateResource('*'));
      return kit.send(reply, { certificates: await sites.listCertificates(caller.accountId) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.post(`${GATEWAY_STATUS_PATH}/list`, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, LIST_GATEWAYS_ACTION, 'acs:bulwark:*:*:gateway/*');
      return kit.send(reply, { gateways: await sites.gateways.list(caller.accountId) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  if (options.gatewayRoutes !== false) {
    // Telemetry, not a state change: stored without an audit record (see GatewayStatusStore).
    app.post(GATEWAY_STATUS_PATH, async (req, reply) => {
      try {
        const report = kit.jsonBody(req, gatewayStatusReport);
        const caller = await kit.authorize(req, REPORT_GATEWAY_STATUS_ACTION, `acs:bulwark:*:*:gateway/${report.gatewayId}`);
        return kit.send(reply, await sites.gateways.report(caller.accountId, report));
      } catch (e) {
        return kit.fail(req, reply, e);
      }
    });

    app.get(GATEWAY_CONFIG_PATH, async (req, reply) => {
      try {
        const { wait } = parseInput(configQuery, req.query);
        const caller = await kit.authorize(req, GET_GATEWAY_CONFIG_ACTION, 'acs:bulwark:*:*:gateway/config');
        const known = req.headers['if-none-match'];
        const bans = options.bans;
        // The ETag covers both the sites and the bans: a change of either answers the long-poll.
        const etagNow = async (): Promise<string> => revisionEtag(await sites.revision(caller.accountId), bans ? await bans.revision(caller.accountId) : undefined);
        const etag = await awaitChange(reply, caller.accountId, known, wait, etagNow, bans ? [sites.changes, bans.changes] : [sites.changes]);
        if (known === etag) return reply.status(304).header('etag', known).send();
        const snapshot = await sites.snapshot(caller.accountId);
        const banned = bans ? await bans.bans(caller.accountId) : [];
        // The ETag read before the data: a change in between makes the next poll answer at once, never a stale hold.
        reply.header('etag', etag);
        return kit.send(reply, { revision: snapshot.revision, sites: snapshot.sites, bans: banned });
      } catch (e) {
        return kit.fail(req, reply, e);
      }
    });
  }
}
