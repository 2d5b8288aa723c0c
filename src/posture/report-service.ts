import type { Caller } from '../iam/caller.js';
import { userIdentityOf } from '../iam/caller.js';
import type { Platform } from '../server/platform.js';
import { buildComplianceReport, type IacInput } from './compliance/build-report.js';
import type { ComplianceReport } from './compliance/compliance-report.js';

export const GET_POSTURE_REPORT_ACTION = 'bulwark:GetPostureReport';
export const POSTURE_REPORT_RESOURCE = 'acs:bulwark:*:*:posture/report';

export interface ReportRequestMeta {
  requestId: string;
  sourceIp: string;
  userAgent?: string | undefined;
}

/**
 * The compliance report of the caller's account (already authorized for `bulwark:GetPostureReport`),
 * for the API and the console alike; the read is recorded in the audit trail.
 */
export async function reportForCaller(platform: Platform, caller: Caller, input: { framework: string; format: string; iac?: IacInput | undefined }, meta: ReportRequestMeta): Promise<ComplianceReport> {
  const report = await buildComplianceReport({ storage: platform.storage, clock: platform.clock, accountId: caller.accountId, framework: input.framework, iac: input.iac });
  await platform.audit.record({
    eventName: 'GetPostureReport',
    eventSource: 'posture',
    eventType: 'ApiCall',
    eventRW: 'Read',
    requestId: meta.requestId,
    requestParameters: { framework: input.framework, format: input.format, iacResults: input.iac?.results.length ?? 0 },
    responseElements: { score: report.summary.score, failed: report.summary.failed },
    sourceIpAddress: meta.sourceIp,
    ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
    userIdentity: userIdentityOf(caller),
  });
  return report;
}
