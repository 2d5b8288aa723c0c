/** One raw `.tf` file: hcl2json for values (zod-checked), the source pass for lines. */
import { parse } from '@cdktf/hcl2json';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { hclPositions, lineAtPath, type PosNode } from './hcl-positions.js';

const Body = z.record(z.string(), z.unknown());
const HclJson = z.looseObject({
  resource: z.record(z.string(), z.record(z.string(), z.array(Body))).optional(),
  variable: z.record(z.string(), z.array(Body)).optional(),
  locals: z.array(Body).optional(),
  module: z.record(z.string(), z.array(Body)).optional(),
});

export interface RawResource {
  type: string;
  name: string;
  attributes: Record<string, unknown>;
  line: number;
  lineOf(path: readonly (string | number)[]): number;
}

export interface TerraformFile {
  file: string;
  resources: RawResource[];
  variables: Map<string, unknown>;
  locals: Map<string, unknown>;
  /** Module calls: name → source. */
  modules: Map<string, string>;
}

function resourceNodes(root: PosNode): Map<string, PosNode[]> {
  const byKey = new Map<string, PosNode[]>();
  for (const node of root.children?.get('resource') ?? []) {
    const key = `${node.labels?.[0] ?? ''}.${node.labels?.[1] ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), node]);
  }
  return byKey;
}

/** Parses one file; a malformed one is `Posture.InvalidTerraform` naming it. */
export async function parseTerraformFile(file: string, source: string): Promise<TerraformFile> {
  let json: unknown;
  try {
    json = await parse(file, source);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^parse config: /, '').replace(/\s+/g, ' ').slice(0, 300);
    throw new BulwarkError('Posture.InvalidTerraform', { file, reason });
  }
  const parsed = HclJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('Posture.InvalidTerraform', { file, reason: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  const positions = resourceNodes(hclPositions(source));
  const resources: RawResource[] = [];
  for (const [type, byName] of Object.entries(parsed.data.resource ?? {})) {
    for (const [name, bodies] of Object.entries(byName)) {
      const nodes = positions.get(`${type}.${name}`) ?? [];
      bodies.forEach((attributes, i) => {
        const node = nodes[i];
        resources.push({ type, name, attributes, line: node?.line ?? 1, lineOf: (path) => (node ? lineAtPath(node, path) : 1) });
      });
    }
  }
  resources.sort((a, b) => a.line - b.line);
  const variables = new Map<string, unknown>();
  for (const [name, [decl]] of Object.entries(parsed.data.variable ?? {})) if (decl && 'default' in decl) variables.set(name, decl.default);
  const locals = new Map<string, unknown>();
  for (const block of parsed.data.locals ?? []) for (const [k, v] of Object.entries(block)) locals.set(k, v);
  const modules = new Map<string, string>();
  for (const [name, [call]] of Object.entries(parsed.data.module ?? {})) if (typeof call?.source === 'string') modules.set(name, call.source);
  return { file, resources, variables, locals, modules };
}
