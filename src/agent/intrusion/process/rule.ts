import type { EcsDocument, Severity } from '../alert.js';
import type { ProcessInfo } from './process-info.js';
import type { PipePeers } from './pipe-peers.js';
import type { SocketLookup } from './socket-lookup.js';

export interface RuleContext {
  readonly sockets: SocketLookup;
  readonly pipes: PipePeers;
}

/** What a rule found about one process. */
export interface ProcessFinding {
  readonly message: string;
  /** overrides the rule's severity (e.g. deleted system binaries after an upgrade are low) */
  readonly severity?: Severity;
  /** overrides the rule's technique (e.g. memfd execution) */
  readonly technique?: { readonly id: string; readonly name: string };
  /** further ECS fields (`destination`, …) */
  readonly fields?: EcsDocument;
}

/** A suspicious-process rule: one per file, registered in `rules.ts`. */
export interface ProcessRule {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  /** MITRE ATT&CK technique */
  readonly technique: { readonly id: string; readonly name: string };
  /** `sampled` rules look at CPU usage over the sampling interval (`cpuPercent` is filled) */
  readonly sampled?: boolean;
  /** a cheap test on one snapshot (for sampled rules: whether to sample the process) */
  match(p: ProcessInfo, ctx: RuleContext): ProcessFinding | undefined;
  /** sampled rules: the verdict once CPU usage is known */
  confirm?(p: ProcessInfo, cpuPercent: number, threshold: number): ProcessFinding | undefined;
}
