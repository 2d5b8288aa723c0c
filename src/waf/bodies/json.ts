import type { Pair } from './urlencoded.js';

export interface JsonResult {
  readonly pairs: Pair[];
  readonly error: string | undefined;
}

/**
 * Flattens a JSON body into ARGS the way ModSecurity 3 / Coraza name them: `json.a.b` for objects,
 * `json.list.0` for arrays; strings keep their bytes, numbers and booleans print as JSON, null is empty.
 * The input is a binary string; multi-byte UTF-8 stays as its bytes.
 */
export function parseJsonBody(text: string, depthLimit: number): JsonResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { pairs: [], error: `JSON parsing error: ${e instanceof Error ? e.message : String(e)}` };
  }
  const pairs: Pair[] = [];
  let tooDeep = false;
  const walk = (value: unknown, name: string, depth: number): void => {
    if (depth > depthLimit) { tooDeep = true; return; }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${name}.${i}`, depth + 1));
      if (value.length === 0) pairs.push({ name, value: '' });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [k, v] of entries) walk(v, `${name}.${k}`, depth + 1);
      if (entries.length === 0) pairs.push({ name, value: '' });
    } else if (value === null) {
      pairs.push({ name, value: '' });
    } else {
      pairs.push({ name, value: String(value) });
    }
  };
  walk(doc, 'json', 0);
  if (tooDeep) return { pairs: [], error: 'JSON depth limit exceeded' };
  return { pairs, error: undefined };
}
