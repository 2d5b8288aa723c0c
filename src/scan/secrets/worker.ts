import { parentPort, workerData } from 'node:worker_threads';
import type { RulesConfig } from './config.js';
import { SecretDetector } from './detector.js';
import { runJobs, type ScanJob } from './job.js';

/** Worker thread: compiles the rules once, then scans batches of jobs sent by pool.ts. */
const detector = new SecretDetector((workerData as { config: RulesConfig }).config);
parentPort!.on('message', (message: { id: number; jobs: ScanJob[] }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: runJobs(detector, message.jobs) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
  }
});
