import { BulwarkError } from '../../core/errors.js';
import { CIS_ALIBABA_2_0 } from './cis-alibaba-2.0.js';
import { FRAMEWORK_IDS, frameworkSchema, type Framework, type FrameworkId, type FrameworkInput } from './framework.js';
import { ISO27001_2022 } from './iso27001-2022.js';
import { MLPS2_L3 } from './mlps2-l3.js';
import { PCI_DSS_4_0 } from './pci-dss-4.0.js';

/** Validates framework data; a bad entry is a coded error naming the field. */
export function parseFramework(input: FrameworkInput): Framework {
  const r = frameworkSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new BulwarkError('Posture.InvalidFramework', { framework: input.id, field: issue.path.map(String).join('.'), reason: issue.message });
}

/** Registry: every compliance framework, validated once at load. */
export const FRAMEWORKS: readonly Framework[] = [CIS_ALIBABA_2_0, MLPS2_L3, ISO27001_2022, PCI_DSS_4_0].map(parseFramework);

export function isFrameworkId(value: string): value is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(value);
}

/** The framework with this id (`Posture.UnknownFramework` otherwise). */
export function frameworkById(id: string): Framework {
  const f = FRAMEWORKS.find((x) => x.id === id);
  if (!f) throw new BulwarkError('Posture.UnknownFramework', { framework: id, expected: FRAMEWORK_IDS.join(', ') });
  return f;
}

/** Where a check is used: one framework requirement it evidences. */
export interface FrameworkMapping {
  framework: FrameworkId;
  requirement: string;
  title: string;
}

const BY_CHECK = new Map<string, FrameworkMapping[]>();
for (const f of FRAMEWORKS) {
  for (const r of f.requirements) {
    for (const c of r.checks) {
      const list = BY_CHECK.get(c) ?? [];
      list.push({ framework: f.id, requirement: r.id, title: r.title });
      BY_CHECK.set(c, list);
    }
  }
}

/**
 * A check's framework mappings, derived from the framework files (the single source of truth):
 * every requirement, of every framework, that lists the check.
 */
export function mappingsFor(checkId: string): readonly FrameworkMapping[] {
  return BY_CHECK.get(checkId) ?? [];
}
