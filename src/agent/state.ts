import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';

/** Where `bulwark agent enroll` keeps the host identity unless `--state-dir` says otherwise. */
export const DEFAULT_STATE_DIR = '/var/lib/bulwark-agent';
export const STATE_FILE = 'agent.json';

export const agentStateSchema = z
  .object({
    version: z.literal(1),
    server: z.url({ protocol: /^https?$/ }),
    hostId: z.string().regex(/^[0-9a-f]{16}$/),
    accountId: z.string().min(1).max(32),
    userName: z.string().min(1).max(64),
    accessKeyId: z.string().min(1).max(128),
    accessKeySecret: z.string().min(1).max(128),
    enrolledAt: z.iso.datetime(),
  })
  .strict();

/** The host's identity: which server, which host, and the AccessKey it signs reports with. */
export type AgentState = z.output<typeof agentStateSchema>;

export const statePath = (dir: string): string => join(dir, STATE_FILE);

export function hasState(dir: string): boolean {
  return existsSync(statePath(dir));
}

/**
 * Writes the identity atomically: the directory is 0700, the file 0600 (created with that mode,
 * fsynced, then renamed over the old one), so the secret is never readable by others.
 */
export function saveState(dir: string, state: AgentState): void {
  const checked = agentStateSchema.parse(state);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = statePath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(checked, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Reads the identity; refuses a missing, malformed or group/world-accessible file. */
export function loadState(dir: string): AgentState {
  const file = statePath(dir);
  if (!existsSync(file)) throw new BulwarkError('Agent.NotEnrolled', { dir });
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) throw new BulwarkError('Agent.InvalidState', { file, reason: `it is accessible by other users (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600` });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new BulwarkError('Agent.InvalidState', { file, reason: 'not valid JSON' });
  }
  const parsed = agentStateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BulwarkError('Agent.InvalidState', { file, reason: `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}` });
  }
  return parsed.data;
}
