import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';

const idList = z.array(z.number().int());
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

/** go-ftw v2 test input (the fields CRS tests use). */
const inputSchema = z.object({
  dest_addr: scalar.optional(),
  port: z.number().int().optional(),
  protocol: z.string().optional(),
  method: scalar.optional(),
  uri: scalar.optional(),
  version: scalar.optional(),
  headers: z.record(z.string(), scalar).optional(),
  data: scalar.optional(),
  encoded_request: z.string().optional(),
  autocomplete_headers: z.boolean().optional(),
  save_cookie: z.boolean().optional(),
  virtual_host_mode: z.boolean().optional(),
}).passthrough();

const outputSchema = z.object({
  status: z.union([z.number().int(), z.array(z.number().int())]).optional(),
  response_contains: z.string().optional(),
  log: z.object({
    expect_ids: idList.optional(),
    no_expect_ids: idList.optional(),
    match_regex: z.string().optional(),
    no_match_regex: z.string().optional(),
  }).passthrough().optional(),
  log_contains: z.string().optional(),
  no_log_contains: z.string().optional(),
  expect_error: z.boolean().optional(),
  retry_once: z.boolean().optional(),
  isolated: z.boolean().optional(),
}).passthrough();

const testSchema = z.object({
  test_id: z.number().int(),
  desc: z.string().optional(),
  stages: z.array(z.union([
    z.object({ input: inputSchema, output: outputSchema }).passthrough(),
    z.object({ stage: z.object({ input: inputSchema, output: outputSchema }).passthrough() }).passthrough().transform((s) => s.stage),
  ])),
}).passthrough();

const fileSchema = z.object({
  rule_id: z.number().int(),
  tests: z.array(testSchema),
}).passthrough();

export type FtwInput = z.output<typeof inputSchema>;
export type FtwOutput = z.output<typeof outputSchema>;
export type FtwTest = z.output<typeof testSchema>;

/** One go-ftw YAML file: its rule id, the CRS rule file it belongs to (folder name) and its tests. */
export interface FtwFile {
  readonly path: string;
  readonly ruleFile: string;
  readonly ruleId: number;
  readonly tests: readonly FtwTest[];
}

/** Loads every `*.yaml` under the regression tests folder, validated; a malformed file is Waf.CorpusInvalid. */
export function loadFtwTests(testsDir: string): FtwFile[] {
  let folders: string[];
  try {
    folders = readdirSync(testsDir).filter((f) => statSync(join(testsDir, f)).isDirectory()).sort();
  } catch (e) {
    throw new BulwarkError('Waf.CorpusInvalid', { path: testsDir, reason: e instanceof Error ? e.message : String(e) });
  }
  const out: FtwFile[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(join(testsDir, folder)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const path = join(testsDir, folder, name);
      let doc: unknown;
      try {
        doc = parse(readFileSync(path, 'utf8'));
      } catch (e) {
        throw new BulwarkError('Waf.CorpusInvalid', { path, reason: e instanceof Error ? e.message : String(e) });
      }
      if (doc === null || doc === undefined) continue; // an all-comment file (CRS keeps a few for its linter)
      const r = fileSchema.safeParse(doc);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new BulwarkError('Waf.CorpusInvalid', { path: relative(testsDir, path), reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
      }
      out.push({ path, ruleFile: folder, ruleId: r.data.rule_id, tests: r.data.tests });
    }
  }
  if (out.length === 0) throw new BulwarkError('Waf.CorpusInvalid', { path: testsDir, reason: 'no go-ftw YAML tests found' });
  return out;
}
