import type { CheckResult } from '../check.js';
import { PLATFORM_CHECKS } from '../checks/platform/registry.js';
import { frameworkById } from '../frameworks/registry.js';
import type { PlatformSnapshot } from '../snapshot/snapshot.js';
import { takeSnapshot, type SnapshotOptions } from '../snapshot/take-snapshot.js';
import { ALL_CHECKS } from './catalogue.js';
import type { ComplianceReport } from './compliance-report.js';
import { evaluateFramework } from './evaluate.js';

/** Results of IaC checks scanned elsewhere (`bulwark posture report --iac`, or sent to the server). */
export interface IacInput {
  paths: string[];
  resources: number;
  results: readonly CheckResult[];
}

/** Runs every platform check over a snapshot (pure). */
export function runPlatformChecks(snapshot: PlatformSnapshot): CheckResult[] {
  return PLATFORM_CHECKS.flatMap((c) => c.evaluate(snapshot));
}

function unavailableSections(s: PlatformSnapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, section] of [['sites', s.sites], ['hosts', s.hosts], ['alerts', s.alerts]] as const) if (!section.available) out[name] = section.reason;
  return out;
}

/** A framework report over a snapshot and optional IaC results (pure). */
export function reportFromSnapshot(frameworkId: string, snapshot: PlatformSnapshot, iac: IacInput | undefined, generatedAt: string): ComplianceReport {
  const framework = frameworkById(frameworkId);
  return evaluateFramework({
    framework,
    checks: ALL_CHECKS,
    results: [...runPlatformChecks(snapshot), ...(iac?.results ?? [])],
    evaluated: { platform: true, iac: iac !== undefined },
    accountId: snapshot.accountId,
    generatedAt,
    sources: {
      platform: { evaluated: true, takenAt: snapshot.takenAt, unavailable: unavailableSections(snapshot) },
      iac: { evaluated: iac !== undefined, paths: iac?.paths ?? [], ...(iac ? { resources: iac.resources } : {}) },
    },
  });
}

/** Reads the live state of one account and scores it against a framework (reads only). */
export async function buildComplianceReport(options: SnapshotOptions & { framework: string; iac?: IacInput | undefined }): Promise<ComplianceReport> {
  frameworkById(options.framework); // an unknown framework fails before any reading
  const snapshot = await takeSnapshot(options);
  return reportFromSnapshot(options.framework, snapshot, options.iac, options.clock.now().toISOString());
}
