import { readFileSync } from 'node:fs';
import { looksBinary, type FragmentContext, type RawFinding, type SecretDetector } from './detector.js';

/** A unit of scanning work: a file to read, or content already read (a git blob), with its places. */
export interface ScanJob {
  file?: string;
  content?: Uint8Array;
  contexts: FragmentContext[];
}

export interface JobResult {
  findings: RawFinding[];
  bytes: number;
  binary: number;
}

/** Runs jobs on a detector (in a worker thread, or inline). */
export function runJobs(detector: SecretDetector, jobs: readonly ScanJob[]): JobResult {
  const findings: RawFinding[] = [];
  let bytes = 0;
  let binary = 0;
  for (const job of jobs) {
    let content: Buffer;
    if (job.content) content = Buffer.from(job.content.buffer, job.content.byteOffset, job.content.byteLength);
    else {
      try {
        content = readFileSync(job.file!);
      } catch {
        continue;
      }
    }
    bytes += content.length;
    if (looksBinary(content)) {
      binary++;
      continue;
    }
    for (const f of detector.detect(content, job.contexts)) findings.push(f);
  }
  return { findings, bytes, binary };
}
