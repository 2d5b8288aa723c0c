import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform(String);
const textList = z.array(text);
const condition = z.enum(['all', 'any', 'none']);

/** Wazuh writes compliance as a map of lists, older policies as a list of one-key maps. */
const compliance = z
  .union([z.record(z.string(), z.union([textList, text])), z.array(z.record(z.string(), z.union([textList, text])))])
  .transform((value) => {
    const out: Record<string, string[]> = {};
    for (const map of Array.isArray(value) ? value : [value]) {
      for (const [key, v] of Object.entries(map)) out[key] = [...(out[key] ?? []), ...(Array.isArray(v) ? v : [v])];
    }
    return out;
  });

/** One check. `title` (Wazuh 4) or `name` (Wazuh 5) is its title; unknown keys (mitre, impact…) are ignored. */
export const checkSchema = z
  .object({
    id: z.union([z.number().int(), z.string().min(1)]),
    title: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    rationale: z.string().optional(),
    remediation: z.string().optional(),
    compliance: compliance.optional(),
    references: textList.optional(),
    condition,
    rules: z.array(z.string().min(1)).min(1),
  })
  .refine((c) => c.title !== undefined || c.name !== undefined, { message: 'a check needs a title (or name)', path: ['title'] });

/** A Wazuh SCA policy document. */
export const policySchema = z.object({
  policy: z.object({
    id: text.pipe(z.string().min(1)),
    file: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    references: textList.optional(),
  }),
  requirements: z
    .object({
      title: z.string().optional(),
      name: z.string().optional(),
      description: z.string().optional(),
      condition,
      rules: z.array(z.string().min(1)).min(1),
    })
    .optional(),
  variables: z.record(z.string().regex(/^\$[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is $ followed by letters, digits or _'), text).optional(),
  checks: z.array(checkSchema).min(1),
});

export type PolicyDocument = z.infer<typeof policySchema>;
