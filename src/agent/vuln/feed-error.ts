import type { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';

/** Validates a feed document with `schema`; the error names the feed and the first bad field. */
export function parseFeedDocument<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new BulwarkError('Vuln.InvalidFeed', { source, field: issue.path.map(String).join('.') || '(document)', reason: issue.message });
}
