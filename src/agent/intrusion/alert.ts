import { hostname } from 'node:os';
import { newEventId } from '../../core/ids.js';

/** An ECS document as the event store ingests it (nested objects; see src/events/schema.ts). */
export type EcsDocument = Record<string, unknown>;

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** Numeric `event.severity` (0–100, as Elastic's risk scores). */
export const SEVERITY_SCORE: Readonly<Record<Severity, number>> = { low: 21, medium: 47, high: 73, critical: 99 };

export interface AlertInput {
  readonly at: number;
  readonly message: string;
  /** `agent.ssh`, `agent.fim`, `agent.webshell` */
  readonly dataset: string;
  readonly category: 'authentication' | 'file' | 'intrusion_detection';
  readonly type: string;
  readonly action: string;
  readonly outcome?: 'success' | 'failure' | 'unknown';
  /** `event.provider`, e.g. `sshd` */
  readonly provider?: string;
  readonly severity: Severity;
  readonly rule: { readonly id: string; readonly name: string; readonly category?: string };
  /** MITRE ATT&CK technique id, e.g. `T1110.001` */
  readonly technique: string;
  readonly techniqueName: string;
  readonly host?: string;
  /** further ECS fields, nested (`source`, `user`, `file`, …) */
  readonly fields?: EcsDocument;
}

/** Builds the ECS alert document every intrusion detector emits. */
export function intrusionAlert(input: AlertInput): EcsDocument {
  return {
    '@timestamp': new Date(input.at).toISOString(),
    message: input.message,
    event: {
      id: newEventId(),
      kind: 'alert',
      category: input.category,
      type: input.type,
      action: input.action,
      ...(input.outcome ? { outcome: input.outcome } : {}),
      severity: SEVERITY_SCORE[input.severity],
      module: 'agent',
      dataset: input.dataset,
      ...(input.provider ? { provider: input.provider } : {}),
    },
    host: { name: input.host ?? hostname() },
    observer: { type: 'agent' },
    rule: { id: input.rule.id, name: input.rule.name, ...(input.rule.category ? { category: input.rule.category } : {}) },
    threat: { framework: 'MITRE ATT&CK', technique: { id: input.technique, name: input.techniqueName } },
    ...input.fields,
  };
}
