import type { Clock } from '../../core/clock.js';
import { reportFromSnapshot } from '../../posture/compliance/build-report.js';
import { FRAMEWORK_IDS, type FrameworkId } from '../../posture/frameworks/framework.js';
import { takeSnapshot } from '../../posture/snapshot/take-snapshot.js';
import type { Storage } from '../../storage/database.js';

export interface PostureScore {
  framework: { id: FrameworkId; name: string; version: string };
  /** passed / (passed + failed) × 100, one decimal; null when nothing was assessed automatically */
  score: number | null;
  passed: number;
  failed: number;
  manual: number;
  coverage: number;
}

/** The live posture of the account scored against every framework (one snapshot, four evaluations). */
export async function postureSection(storage: Storage, clock: Clock, accountId: string): Promise<PostureScore[]> {
  const snapshot = await takeSnapshot({ storage, clock, accountId });
  const at = clock.now().toISOString();
  return FRAMEWORK_IDS.map((id) => {
    const r = reportFromSnapshot(id, snapshot, undefined, at);
    return { framework: { id, name: r.framework.name, version: r.framework.version }, score: r.summary.score, passed: r.summary.passed, failed: r.summary.failed, manual: r.summary.manual, coverage: r.summary.coverage };
  });
}
