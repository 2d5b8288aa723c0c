import { z } from 'zod';

/** Caps of IaC results sent to the server with a report request. */
export const MAX_IAC_RESULTS = 50_000;

/** IaC check results scanned by a client (`bulwark posture report --server URL --iac PATH`), validated at the edge. */
export const iacInputSchema = z
  .object({
    paths: z.array(z.string().max(4096)).max(1000),
    resources: z.number().int().min(0),
    results: z
      .array(
        z
          .object({
            checkId: z.string().regex(/^BWK-[A-Z0-9]+-\d{3}$/),
            status: z.enum(['pass', 'fail', 'not_applicable']),
            resource: z.object({ id: z.string().max(1024), type: z.string().max(256), file: z.string().max(4096).optional(), line: z.number().int().min(1).optional() }).strict(),
            message: z.string().max(4096),
            evidence: z.record(z.string(), z.unknown()),
          })
          .strict(),
      )
      .max(MAX_IAC_RESULTS),
  })
  .strict();
