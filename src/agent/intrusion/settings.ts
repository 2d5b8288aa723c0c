import type { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';

/** Validates one section of the intrusion settings; the error names the field under the section (`ssh.bruteforce.capacity`). */
export function parseSettings<S extends z.ZodType>(schema: S, raw: unknown, section: string): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const reason = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  throw new BulwarkError('InvalidConfig', { field: [section, ...issue.path.map(String)].join('.'), origin: '', reason });
}
