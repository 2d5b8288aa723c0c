import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RulesConfig } from './config.js';
import { SecretDetector, type RawFinding } from './detector.js';
import { runJobs, type JobResult, type ScanJob } from './job.js';

const BATCH_JOBS = 64;
const BATCH_BYTES = 4 * 1024 * 1024;

interface Slot {
  worker: Worker;
  busy: boolean;
}

/**
 * Scans jobs over worker threads (one per core, 2 by default), batching small files together.
 * Where the compiled worker is not available (tests run from TypeScript sources) or one thread is
 * asked for, jobs run inline on the calling thread with the same code.
 */
export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly inline: SecretDetector | undefined;
  private readonly queue: ScanJob[][] = [];
  private batch: ScanJob[] = [];
  private batchBytes = 0;
  private nextId = 0;
  private readonly waiting = new Map<number, Slot>();
  private readonly findings: RawFinding[] = [];
  private failure: Error | undefined;
  private idle: Array<() => void> = [];
  private drained: Array<() => void> = [];
  bytes = 0;
  binary = 0;

  private constructor(config: RulesConfig, threads: number) {
    const workerFile = new URL('./worker.js', import.meta.url);
    const usable = threads > 1 && existsSync(fileURLToPath(workerFile));
    if (!usable) {
      this.inline = new SecretDetector(config);
      return;
    }
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerFile, { workerData: { config } });
      const slot: Slot = { worker, busy: false };
      worker.on('message', (msg: { id: number; result?: JobResult; error?: string }) => {
        this.waiting.delete(msg.id);
        slot.busy = false;
        if (msg.error) this.failure ??= new Error(msg.error);
        if (msg.result) this.absorb(msg.result);
        this.pump();
      });
      worker.on('error', (e) => {
        this.failure ??= e;
        slot.busy = false;
        for (const [id, s] of this.waiting) if (s === slot) this.waiting.delete(id);
        this.queue.length = 0;
        this.pump();
      });
      this.slots.push(slot);
    }
  }

  /** `threads` defaults to the number of cores, at most 2 (the size of the target machines). */
  static create(config: RulesConfig, threads = Math.min(2, availableParallelism())): ScanPool {
    return new ScanPool(config, Math.max(1, threads));
  }

  get threads(): number {
    return this.inline ? 1 : this.slots.length;
  }

  private absorb(result: JobResult): void {
    for (const f of result.findings) this.findings.push(f);
    this.bytes += result.bytes;
    this.binary += result.binary;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const jobs = this.queue.shift();
      if (!jobs) break;
      slot.busy = true;
      const id = this.nextId++;
      this.waiting.set(id, slot);
      // Only views that own their whole ArrayBuffer are moved; others (pooled) are copied.
      const transfer = jobs.flatMap((j) => (j.content && j.content.byteOffset === 0 && j.content.byteLength === j.content.buffer.byteLength ? [j.content.buffer as ArrayBuffer] : []));
      slot.worker.postMessage({ id, jobs }, transfer);
    }
    if (this.queue.length <= this.slots.length) {
      const resolvers = this.drained;
      this.drained = [];
      resolvers.forEach((r) => r());
    }
    if (this.queue.length === 0 && this.waiting.size === 0) {
      const resolvers = this.idle;
      this.idle = [];
      resolvers.forEach((r) => r());
    }
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    this.queue.push(this.batch);
    this.batch = [];
    this.batchBytes = 0;
    this.pump();
  }

  /** Queues one job; resolves once the backlog is small enough (back-pressure for the producer). */
  async add(job: ScanJob, size: number): Promise<void> {
    if (this.inline) {
      this.absorb(runJobs(this.inline, [job]));
      return;
    }
    this.batch.push(job);
    this.batchBytes += size;
    if (this.batch.length >= BATCH_JOBS || this.batchBytes >= BATCH_BYTES) this.flushBatch();
    if (this.queue.length > this.slots.length * 2) await new Promise<void>((resolve) => this.drained.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Waits for every queued job and returns all findings. */
  async finish(): Promise<RawFinding[]> {
    this.flushBatch();
    if (!this.inline && (this.queue.length > 0 || this.waiting.size > 0)) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.failure) throw this.failure;
    return this.findings;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
