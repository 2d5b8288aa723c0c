import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { accessKeyFromEnv, expectOk, signedPost, type SignedResponse } from '../events/client.js';
import { formatOf } from './run.js';

/** Flags of every client command that talks to a server. */
export interface ServerFlags {
  server: string;
  format: string;
}

export const TABLE_JSON = ['table', 'json'] as const;
export type TableOrJson = (typeof TABLE_JSON)[number];

/** Adds the required `--server URL` and `--format table|json` of a client command. */
export function withServer(cmd: Command): Command {
  return cmd.requiredOption('--server <url>', 'Bulwark server URL (signed with BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET)').option('--format <format>', 'table or json', 'table');
}

/** The `--format` of a client command. */
export const formatFlag = (flags: ServerFlags): TableOrJson => formatOf(flags.format, TABLE_JSON);

/** A signed JSON POST, the answer as is (status and body): for callers that read error details. */
export function postJson(server: string, path: string, body: unknown, ramAction: string): Promise<SignedResponse> {
  return signedPost(server, path, Buffer.from(JSON.stringify(body)), 'application/json', accessKeyFromEnv(), ramAction);
}

/** A signed JSON POST; a non-2xx answer throws the server's code and message; `RequestId` is dropped. */
export async function callJson<T>(server: string, path: string, body: unknown, ramAction: string): Promise<T> {
  const json = expectOk(await postJson(server, path, body, ramAction)) as T & { RequestId?: string };
  delete json.RequestId;
  return json;
}

/** Prints one JSON document on stdout (the `--format json` contract). */
export function printJson(doc: unknown): void {
  process.stdout.write(`${JSON.stringify(doc)}\n`);
}

/** A text table sized to its content; `-` for empty cells, columns but the last capped at `max` characters. */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>, max = 60): string {
  const last = headers.length - 1;
  const text = (v: unknown, i: number): string => {
    const t = v === null || v === undefined || v === '' ? '-' : String(v);
    return t.length > max && i < last ? `${t.slice(0, max - 1)}…` : t;
  };
  const cells = [headers.map(text), ...rows.map((r) => headers.map((_, i) => text(r[i], i)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** Reads a text file named by a flag; an unreadable file is a usage error naming the flag. */
export function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new BulwarkError('InvalidParameter', { field: flag, reason: `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
  }
}
