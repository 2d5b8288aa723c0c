import type { Rule, RuleDefinition } from './api.js';

/** The rule editor's form: one flat set of fields, named like the definition's (server errors land on them). */
export interface RuleForm {
  name: string;
  kind: RuleDefinition['kind'];
  severity?: number;
  enabled: boolean;
  query: string;
  groupBy: string[];
  window: string;
  threshold: number;
  field: string;
  learn: string;
  yaml: string;
}

export const SIGMA_TEMPLATE = `title: Shell spawned through apt
id: 00000000-0000-0000-0000-000000000000
level: high
logsource:
  product: linux
  category: process_creation
detection:
  selection:
    CommandLine|contains: 'APT::Update::Pre-Invoke::='
  condition: selection
`;

export const EMPTY_RULE: RuleForm = { name: '', kind: 'threshold', enabled: true, query: '', groupBy: [], window: '5m', threshold: 10, field: '', learn: '7d', yaml: SIGMA_TEMPLATE };

/** The definition the form describes (only the fields of its kind). */
export function definitionOf(v: RuleForm): RuleDefinition {
  switch (v.kind) {
    case 'threshold':
      return { kind: 'threshold', query: v.query ?? '', groupBy: v.groupBy ?? [], window: v.window, threshold: Number(v.threshold) };
    case 'new_value':
      return { kind: 'new_value', query: v.query ?? '', field: v.field, groupBy: v.groupBy ?? [], learn: v.learn };
    case 'sigma':
      return { kind: 'sigma', yaml: v.yaml };
  }
}

/** The form of a stored rule (fields of other kinds keep their defaults). */
export function formOf(rule: Rule): RuleForm {
  const d = rule.definition;
  return { ...EMPTY_RULE, name: rule.name, kind: d.kind, severity: rule.severity, enabled: rule.enabled, ...(d.kind === 'sigma' ? { yaml: d.yaml } : { query: d.query, groupBy: d.groupBy }), ...(d.kind === 'threshold' ? { window: d.window, threshold: d.threshold } : {}), ...(d.kind === 'new_value' ? { field: d.field, learn: d.learn } : {}) };
}

/** A Sigma rule's `title:` (the default rule name of an upload). */
export function sigmaTitle(yaml: string): string | undefined {
  const m = /^title:\s*(.+?)\s*$/m.exec(yaml);
  return m?.[1]?.replace(/^['"]|['"]$/g, '');
}
