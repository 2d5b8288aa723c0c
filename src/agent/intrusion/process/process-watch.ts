import type { EcsDocument } from '../alert.js';
import { detectSuspiciousProcesses, type ProcessDetectorOptions } from '../processes.js';

export interface ProcessWatchOptions extends ProcessDetectorOptions {
  /** time between two looks at the processes (ms) */
  intervalMs: number;
  /** delivers new alerts; a rejection means they are offered again next time */
  onEvents: (docs: EcsDocument[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

export interface ProcessWatch {
  /** one look now (also what the timer runs); resolves with the alerts delivered */
  runOnce(): Promise<EcsDocument[]>;
  stop(): Promise<void>;
}

function keyOf(doc: EcsDocument): string {
  const p = doc.process as { pid?: number; command_line?: string } | undefined;
  return `${String((doc.rule as { id?: string } | undefined)?.id)}|${p?.pid ?? ''}|${p?.command_line ?? ''}`;
}

/**
 * Runs the suspicious-process detector periodically (for `bulwark agent run`). A finding is
 * delivered once while it lasts: the same rule on the same process is not reported again on the
 * next look, only after it has gone and come back.
 */
export function startProcessWatch(options: ProcessWatchOptions): ProcessWatch {
  let seen = new Set<string>();
  let running: Promise<EcsDocument[]> | undefined;
  let stopped = false;
  const look = async (): Promise<EcsDocument[]> => {
    const alerts = await detectSuspiciousProcesses(options);
    const keys = new Set(alerts.map(keyOf));
    const fresh = alerts.filter((a) => !seen.has(keyOf(a)));
    if (fresh.length > 0) await options.onEvents(fresh);
    seen = keys;
    return fresh;
  };
  const runOnce = (): Promise<EcsDocument[]> => {
    running ??= look().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) runOnce().catch((e: unknown) => options.onError?.(e));
  }, options.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
