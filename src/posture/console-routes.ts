import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { activeCaller, authorizeOrThrow, parse, type ConsoleDeps } from '../console/http.js';
import { guardOutput } from '../console/output.js';
import { packageVersion } from '../core/package-version.js';
import { buildComplianceReport } from './compliance/build-report.js';
import { renderComplianceHtml } from './compliance/render-html.js';
import { renderComplianceSarif } from './compliance/render-sarif.js';
import { FRAMEWORK_IDS } from './frameworks/framework.js';
import { GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE } from './report-service.js';

const query = z.object({
  framework: z.enum(FRAMEWORK_IDS),
  format: z.enum(['json', 'html', 'sarif']).default('json'),
  /** `1`: JSON as a file (the bare report) rather than the page's `{Report}` */
  download: z.enum(['0', '1']).default('0'),
});
/** Output guard: the report is metadata and evidence (no secret-named field may appear). */
const reportOutput = z.object({ Report: z.object({ framework: z.object({ id: z.string() }).passthrough() }).passthrough() });

/**
 * Console (session) access to compliance reports: `GET /console/api/posture/report?framework=…&format=json|html|sarif`
 * (HTML, SARIF and `download=1` JSON come as attachments `bulwark-<framework>.<ext>`),
 * authorized as `bulwark:GetPostureReport` like the signed API (console reads are not audited).
 */
export function postureConsoleRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/posture/report', async (req, reply) => {
    const q = parse(query, req.query);
    const caller = await activeCaller(deps, req);
    await authorizeOrThrow(deps, caller, GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE);
    const report = await buildComplianceReport({ storage: deps.platform.storage, clock: deps.platform.clock, accountId: caller.accountId, framework: q.framework });
    const attachment = (ext: string) => reply.header('content-disposition', `attachment; filename="bulwark-${q.framework}.${ext}"`);
    if (q.format === 'html') return attachment('html').header('content-type', 'text/html; charset=utf-8').send(renderComplianceHtml(report));
    if (q.format === 'sarif') return attachment('sarif').header('content-type', 'application/sarif+json; charset=utf-8').send(JSON.stringify(renderComplianceSarif(report, packageVersion()), null, 2));
    const body = guardOutput(reportOutput, { Report: report }) as { Report: unknown };
    if (q.download === '1') return attachment('json').header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body.Report, null, 2));
    return body;
  });
}
