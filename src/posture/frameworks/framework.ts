import { z } from 'zod';

export const FRAMEWORK_IDS = ['cis-alibaba-2.0', 'mlps2-l3', 'iso27001-2022', 'pci-dss-4.0'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

const checkId = z.string().regex(/^BWK-[A-Z0-9]+-\d{3}$/, 'expected a check id such as BWK-RAM-101');

/**
 * One requirement (recommendation, clause, control) of a framework. `checks` lists the automated
 * checks that evidence it; a requirement without checks is assessed manually and is never reported
 * as passed.
 */
export const requirementSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    section: z.string().min(1),
    checks: z.array(checkId).default([]),
    /** CIS: profile level (`Level 1`, `Level 2`) */
    level: z.string().optional(),
    /** CIS: the benchmark's own assessment status (Automated / Manual) */
    assessment: z.enum(['Automated', 'Manual']).optional(),
    /** MLPS: the clause name in Chinese (GB/T 22239-2019) */
    nameZh: z.string().optional(),
    /** what the mapping covers, where it is partial */
    note: z.string().optional(),
  })
  .strict();

export const frameworkSchema = z
  .object({
    id: z.enum(FRAMEWORK_IDS),
    name: z.string().min(1),
    version: z.string().min(1),
    publisher: z.string().min(1),
    description: z.string().min(1),
    requirements: z.array(requirementSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.requirements.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate requirement id "${r.id}"`, path: ['requirements', i, 'id'] });
      seen.add(r.id);
      if (new Set(r.checks).size !== r.checks.length) ctx.addIssue({ code: 'custom', message: `requirement "${r.id}" lists a check twice`, path: ['requirements', i, 'checks'] });
    });
  });

export type Requirement = z.output<typeof requirementSchema>;
export type Framework = z.output<typeof frameworkSchema>;
export type FrameworkInput = z.input<typeof frameworkSchema>;
