import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { activeCaller, authorizeOrThrow, parse, type ConsoleDeps } from '../console/http.js';
import { guardOutput } from '../console/output.js';
import { buildComplianceReport } from './compliance/build-report.js';
import { renderComplianceHtml } from './compliance/render-html.js';
import { FRAMEWORK_IDS } from './frameworks/framework.js';
import { GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE } from './report-service.js';

const query = z.object({ framework: z.enum(FRAMEWORK_IDS), format: z.enum(['json', 'html']).default('json') });
/** Output guard: the report is metadata and evidence (no secret-named field may appear). */
const reportOutput = z.object({ Report: z.object({ framework: z.object({ id: z.string() }).passthrough() }).passthrough() });

/**
 * Console (session) access to compliance reports: `GET /console/api/posture/report?framework=…&format=json|html`,
 * authorized as `bulwark:GetPostureReport` like the signed API (console reads are not audited).
 */
export function postureConsoleRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/posture/report', async (req, reply) => {
    const q = parse(query, req.query);
    const caller = await activeCaller(deps, req);
    await authorizeOrThrow(deps, caller, GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE);
    const report = await buildComplianceReport({ storage: deps.platform.storage, clock: deps.platform.clock, accountId: caller.accountId, framework: q.framework });
    if (q.format === 'html') return reply.header('content-type', 'text/html; charset=utf-8').header('content-disposition', `attachment; filename="bulwark-${q.framework}.html"`).send(renderComplianceHtml(report));
    return guardOutput(reportOutput, { Report: report });
  });
}
