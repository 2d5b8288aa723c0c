/**
 * Loads IaC inputs into resources: folders (each folder a module; local module calls give
 * `module.<name>.` address prefixes), `.tf` files and plan JSON files. A file that cannot be read
 * or parsed becomes a scan error; the others are still scanned.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BulwarkError, isBulwarkError } from '../../core/errors.js';
import { evaluate, type ModuleScope } from './literal.js';
import { looksLikePlan, planResources } from './plan.js';
import type { IacResource } from './resource.js';
import { parseTerraformFile, type TerraformFile } from './terraform-file.js';

export interface IacScanError {
  file: string;
  code: string;
  message: string;
}

export interface IacLoadResult {
  resources: IacResource[];
  files: string[];
  errors: IacScanError[];
}

const SKIP_DIRS = new Set(['.terraform', '.git', 'node_modules']);
const META_ARGS = ['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection'];
const PLAN_NAME = /(^|[.\-_])(tf)?plan\.json$/i;

interface Inputs {
  tf: string[];
  plans: string[];
}

function collect(path: string, explicit: boolean, into: Inputs): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new BulwarkError('Scan.PathNotFound', { path, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((e as Error).message) });
  }
  if (st.isDirectory()) {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) collect(join(path, entry.name), false, into);
      else if (entry.isFile()) {
        if (entry.name.endsWith('.tf')) into.tf.push(join(path, entry.name));
        else if (PLAN_NAME.test(entry.name)) into.plans.push(join(path, entry.name));
      }
    }
  } else if (path.endsWith('.json')) into.plans.push(path);
  else if (path.endsWith('.tf') || explicit) into.tf.push(path);
}

/** Path shown in reports: relative to the working folder, with forward slashes. */
export function displayPath(abs: string): string {
  return relative(process.cwd(), abs).split(sep).join('/') || '.';
}

function scanError(file: string, e: unknown): IacScanError {
  if (isBulwarkError(e)) return { file, code: e.code, message: e.message };
  return { file, code: 'Posture.InvalidTerraform', message: `cannot read "${file}": ${(e as Error).message}` };
}

/** `module.<name>.` prefix of each module folder reached through local `source = "./…"` calls. */
function modulePrefixes(byDir: Map<string, TerraformFile[]>): Map<string, string> {
  const calls = new Map<string, Array<{ name: string; dir: string }>>();
  const called = new Set<string>();
  for (const [dir, files] of byDir) {
    const list: Array<{ name: string; dir: string }> = [];
    for (const f of files) {
      for (const [name, source] of f.modules) {
        if (!source.startsWith('./') && !source.startsWith('../')) continue;
        const target = resolve(dir, source);
        list.push({ name, dir: target });
        called.add(target);
      }
    }
    calls.set(dir, list);
  }
  const prefixes = new Map<string, string>();
  const visit = (dir: string, prefix: string, depth: number): void => {
    if (prefixes.has(dir) || depth > 16) return;
    prefixes.set(dir, prefix);
    for (const c of calls.get(dir) ?? []) visit(c.dir, `${prefix}module.${c.name}.`, depth + 1);
  };
  for (const dir of byDir.keys()) if (!called.has(dir)) visit(dir, '', 0);
  for (const dir of byDir.keys()) visit(dir, '', 0);
  return prefixes;
}

/** Reads every input; `onFile` is called after each file (for a progress bar). */
export async function loadIac(paths: readonly string[], onFile?: (done: number, total: number, file: string) => void): Promise<IacLoadResult> {
  const inputs: Inputs = { tf: [], plans: [] };
  for (const p of paths) collect(resolve(p), true, inputs);
  // Overlapping arguments (a folder and a file inside it) scan each file once.
  inputs.tf = [...new Set(inputs.tf)];
  inputs.plans = [...new Set(inputs.plans)];
  const total = inputs.tf.length + inputs.plans.length;
  let done = 0;
  const errors: IacScanError[] = [];
  const resources: IacResource[] = [];
  const byDir = new Map<string, TerraformFile[]>();
  for (const abs of inputs.tf) {
    const file = displayPath(abs);
    try {
      const parsed = await parseTerraformFile(file, readFileSync(abs, 'utf8'));
      const dir = dirname(abs);
      byDir.set(dir, [...(byDir.get(dir) ?? []), parsed]);
    } catch (e) {
      errors.push(scanError(file, e));
    }
    onFile?.(++done, total, file);
  }
  const prefixes = modulePrefixes(byDir);
  for (const [dir, files] of byDir) {
    const scope: ModuleScope = {
      variables: new Map(files.flatMap((f) => [...f.variables])),
      locals: new Map(files.flatMap((f) => [...f.locals])),
      resources: new Map(files.flatMap((f) => f.resources.map((r) => [`${r.type}.${r.name}`, r.attributes] as const))),
    };
    const prefix = prefixes.get(dir) ?? '';
    for (const f of files) {
      for (const r of f.resources) {
        const raw = { ...r.attributes };
        for (const meta of META_ARGS) delete raw[meta];
        resources.push({
          type: r.type,
          name: r.name,
          address: `${prefix}${r.type}.${r.name}`,
          attributes: evaluate(raw, scope) as Record<string, unknown>,
          file: f.file,
          line: r.line,
          lineOf: r.lineOf,
        });
      }
    }
  }
  for (const abs of inputs.plans) {
    const file = displayPath(abs);
    try {
      const json: unknown = JSON.parse(readFileSync(abs, 'utf8'));
      if (!looksLikePlan(json) && !paths.some((p) => resolve(p) === abs)) continue;
      resources.push(...planResources(file, json));
    } catch (e) {
      errors.push(e instanceof SyntaxError ? { file, code: 'Posture.InvalidPlan', message: new BulwarkError('Posture.InvalidPlan', { file, field: '(root)', reason: e.message }).message } : scanError(file, e));
    }
    onFile?.(++done, total, file);
  }
  return { resources, files: [...inputs.tf, ...inputs.plans].map(displayPath), errors };
}
