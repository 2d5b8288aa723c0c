import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { BulwarkError } from '../core/errors.js';

export interface ConfigSources {
  /** Path of a YAML file (`--config`). */
  file?: string | undefined;
  /** Environment; `BULWARK_<SNAKE_CASE_FIELD>` maps to each top-level field. */
  env?: NodeJS.ProcessEnv;
  /** Flags already parsed by the CLI; `undefined` values are ignored. */
  flags?: Record<string, unknown>;
}

/** Fields whose variable is not the plain snake-case of their name. */
const ENV_NAMES: Readonly<Record<string, string>> = { database: 'BULWARK_DATABASE_URL' };

/** `dataDir` → `BULWARK_DATA_DIR`, `database` → `BULWARK_DATABASE_URL`. */
export function envName(field: string): string {
  return ENV_NAMES[field] ?? `BULWARK_${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

function readFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BulwarkError('InvalidConfig.File', { path, reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new BulwarkError('InvalidConfig.File', { path, reason: `not valid YAML (${(e as Error).message.split('\n')[0]})` });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new BulwarkError('InvalidConfig.File', { path, reason: 'expected a YAML mapping at the top level' });
  }
  return doc as Record<string, unknown>;
}

function fromEnv(fields: readonly string[], env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = env[envName(field)];
    if (value !== undefined && value !== '') out[field] = value;
  }
  return out;
}

function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** Turns the first zod issue into a coded error naming the field and the expected form. */
export function configError(error: z.ZodError, origin: (field: string) => string): BulwarkError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  let reason = issue?.message ?? 'invalid value';
  if (issue?.code === 'unrecognized_keys') reason = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return new BulwarkError('InvalidConfig', { field, origin: origin(String(issue?.path[0] ?? '')), reason });
}

/**
 * Merges file < environment < flags, validates with the role's schema and freezes the result.
 * Throws `InvalidConfig` naming the field (and where its value came from) on the first bad value.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, sources: ConfigSources = {}): Readonly<z.output<S>> {
  const fields = Object.keys(schema.shape);
  const fileValues = sources.file ? readFile(sources.file) : {};
  const envValues = fromEnv(fields, sources.env ?? {});
  const flagValues = defined(sources.flags ?? {});
  const merged = { ...fileValues, ...envValues, ...flagValues };
  const result = schema.safeParse(merged);
  if (!result.success) {
    throw configError(result.error, (top) => {
      if (top in flagValues) return ' (from a flag)';
      if (top in envValues) return ` (from ${envName(top)})`;
      if (top in fileValues && sources.file) return ` (in ${sources.file})`;
      return '';
    });
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
