import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { BulwarkError } from '../../../core/errors.js';

/** A place in the rule's YAML text, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** YAML parser messages end with "at line L, column C". */
const YAML_AT = /at line (\d+), column (\d+)/;

function positionOf(counter: LineCounter, offset: number): SourcePosition {
  const p = counter.linePos(offset);
  return { line: p.line, column: p.col };
}

/**
 * The key node at a dotted path (`detection.sel.CommandLine|contains`); keys may themselves hold dots,
 * so each step takes the longest key the remaining path starts with. Stops at the deepest key found.
 */
function keyAt(root: Node | null, path: string): Node | undefined {
  let node: unknown = root;
  let rest = path;
  let found: Node | undefined;
  while (rest && isMap(node)) {
    let best: { key: Node; value: unknown; length: number } | undefined;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if ((rest === key || rest.startsWith(`${key}.`)) && (!best || key.length > best.length)) best = { key: pair.key, value: pair.value, length: key.length };
    }
    if (!best) break;
    found = best.key;
    node = best.value;
    rest = rest.slice(best.length + 1);
  }
  return found;
}

/** Where in the text the feature an `Events.SigmaUnsupported` error names is written. */
function featureNeedle(feature: string): { key?: string; text?: string } {
  const modifier = /^modifier (\|\w+)/.exec(feature);
  if (modifier) return { text: modifier[1] as string };
  if (feature === 'timeframe') return { key: 'detection.timeframe' };
  if (feature === 'correlation rules') return { key: 'correlation' };
  if (feature.startsWith('logsource')) return { key: 'logsource' };
  const pipe = /(\|\w+)/.exec(feature);
  if (pipe) return { text: pipe[1] as string };
  return { key: 'detection.condition' };
}

/**
 * The line and column a Sigma rule error points at: the YAML parser's own position, the key the
 * error's field names, or the text of an unsupported modifier; undefined when nothing fits.
 */
export function locateSigmaError(text: string, error: unknown): SourcePosition | undefined {
  if (!(error instanceof BulwarkError)) return undefined;
  if (error.code !== 'Events.InvalidRule' && error.code !== 'Events.SigmaUnsupported') return undefined;
  const counter = new LineCounter();
  const field = String(error.params.field ?? '');
  if (field === '(yaml)') {
    const m = YAML_AT.exec(String(error.params.reason ?? ''));
    return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
  }
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) return undefined;
  const needle = error.code === 'Events.SigmaUnsupported' ? featureNeedle(String(error.params.feature ?? '')) : { key: field };
  if (needle.text) {
    const at = text.indexOf(needle.text);
    return at >= 0 ? positionOf(counter, at) : undefined;
  }
  const key = needle.key ? keyAt(doc.contents, needle.key) : undefined;
  if (key?.range) return positionOf(counter, key.range[0]);
  // a required key that is missing: the top of the document
  return field && field !== '(root)' ? { line: 1, column: 1 } : undefined;
}
