import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import type { Platform } from '../server/platform.js';
import { signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import { ALL_CHECKS } from './compliance/catalogue.js';
import { iacInputSchema } from './compliance/iac-input.js';
import { renderComplianceHtml } from './compliance/render-html.js';
import { renderComplianceSarif } from './compliance/render-sarif.js';
import { packageVersion } from '../core/package-version.js';
import { FRAMEWORK_IDS } from './frameworks/framework.js';
import { GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE, reportForCaller } from './report-service.js';

export const POSTURE_REPORT_PATH = '/api/posture/report';
export { GET_POSTURE_REPORT_ACTION } from './report-service.js';

export const reportRequestSchema = z
  .object({
    framework: z.enum(FRAMEWORK_IDS),
    format: z.enum(['json', 'html', 'sarif']).default('json'),
    /** IaC results the client scanned itself, merged into the report */
    iac: iacInputSchema.optional(),
  })
  .strict();

const IAC_CHECK_IDS = new Set(ALL_CHECKS.filter((c) => c.source === 'iac').map((c) => c.id));

export interface PostureRoutesOptions {
  platform: Platform;
  frontDoor: FrontDoor;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
}

/**
 * `POST /api/posture/report` (RAM action `bulwark:GetPostureReport`): the compliance report of the
 * caller's account — `{"framework": …, "format": "json"|"html"|"sarif", "iac"?: {…}}`. JSON answers
 * `{RequestId, Report}`; HTML and SARIF answer the document itself. Reads only; the read is audited.
 */
export async function postureRoutes(app: FastifyInstance, options: PostureRoutesOptions): Promise<void> {
  const { platform } = options;
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: platform.hostId, bodyLimit: 32 * 1024 * 1024 , auth: options.auth });

  app.post(POSTURE_REPORT_PATH, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE);
      const input = kit.jsonBody(req, reportRequestSchema);
      const unknown = input.iac?.results.find((r) => !IAC_CHECK_IDS.has(r.checkId));
      if (unknown) throw new BulwarkError('InvalidParameter', { field: 'iac.results.checkId', reason: `${unknown.checkId} is not an IaC check` });
      const meta = kit.meta(req);
      const report = await reportForCaller(platform, caller, input, { requestId: req.id, sourceIp: meta.sourceIp, userAgent: meta.userAgent });
      if (input.format === 'html') return reply.header('content-type', 'text/html; charset=utf-8').header('x-request-id', req.id).send(renderComplianceHtml(report));
      if (input.format === 'sarif') return reply.header('content-type', 'application/sarif+json; charset=utf-8').header('x-request-id', req.id).send(JSON.stringify(renderComplianceSarif(report, packageVersion())));
      return kit.send(reply, { Report: report });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });
}
