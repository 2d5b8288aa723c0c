import { basename, extname } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { BulwarkError } from '../core/errors.js';
import { readText } from './remote.js';

/** A rule definition read from a file, with what is needed to point at its mistakes. */
export interface RuleFile {
  file: string;
  /** the file's text (a Sigma rule is sent as is, so the server's line and column are the file's) */
  text: string;
  definition: Record<string, unknown>;
  /** the Sigma `title`, else the file name without extension */
  defaultName: string;
}

/** A coded problem at a place in a file: printed as `FILE:LINE:COL: Code: message`. */
export class FileProblem extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FileProblem';
  }

  /** The line the CLI prints on stderr. */
  describe(): string {
    const at = this.line !== undefined ? `${this.file}:${this.line}:${this.column ?? 1}` : this.file;
    return `${at}: ${this.code}: ${this.message}${this.field ? ` (field ${this.field})` : ''}`;
  }
}

function parse(file: string, text: string): { doc: ReturnType<typeof parseDocument>; counter: LineCounter } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    throw new FileProblem(file, 'InvalidParameter', `not valid YAML: ${error.message.split('\n')[0] ?? ''}`, at?.line, at?.col);
  }
  return { doc, counter };
}

const stem = (file: string): string => basename(file, extname(file)) || 'rule';

/** `--sigma FILE`: a SigmaHQ YAML rule, sent unchanged as `{kind: 'sigma', yaml}`. */
export function readSigmaFile(file: string): RuleFile {
  const text = readText(file, '--sigma');
  const { doc } = parse(file, text);
  const title = (doc.toJS() as { title?: unknown } | null)?.title;
  return { file, text, definition: { kind: 'sigma', yaml: text }, defaultName: typeof title === 'string' && title.trim() !== '' ? title.trim().slice(0, 256) : stem(file) };
}

/** `--definition FILE`: a threshold, new-value (or Sigma) definition as a JSON or YAML mapping. */
export function readDefinitionFile(file: string): RuleFile {
  const text = readText(file, '--definition');
  const { doc } = parse(file, text);
  const value = doc.toJS() as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FileProblem(file, 'InvalidParameter', 'expected a mapping such as {kind: threshold, query, window, threshold}', 1, 1);
  return { file, text, definition: value as Record<string, unknown>, defaultName: stem(file) };
}

/** Exactly one of `--sigma` / `--definition`. */
export function readRuleFile(flags: { sigma?: string; definition?: string }): RuleFile {
  if (flags.sigma !== undefined && flags.definition !== undefined) throw new BulwarkError('InvalidParameter', { field: '--sigma', reason: 'give either --sigma or --definition, not both' });
  if (flags.sigma !== undefined) return readSigmaFile(flags.sigma);
  if (flags.definition !== undefined) return readDefinitionFile(flags.definition);
  throw new BulwarkError('MissingParameter', { field: '--sigma or --definition' });
}

/** The line and column of the key a field names (`definition.query` → the `query:` key), if present. */
export function positionOfField(text: string, field: string): { line: number; column: number } | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  let node: unknown = doc.contents;
  let found: Node | undefined;
  for (const part of field.replace(/^definition\.?/, '').split('.').filter(Boolean)) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
    if (!pair) break;
    found = pair.key as Node;
    node = pair.value;
  }
  if (!found?.range) return undefined;
  const p = counter.linePos(found.range[0]);
  return { line: p.line, column: p.col };
}

/**
 * The server's verdict on a definition as a file problem: a Sigma rule's `Line`/`Column` are the
 * file's own (its text is sent unchanged); for other definitions the named key is looked up in the file.
 */
export function problemFromServer(rule: RuleFile, error: { code: string; message: string; field?: string | undefined; line?: number | undefined; column?: number | undefined }): FileProblem {
  const sigmaFile = rule.definition.kind === 'sigma' && rule.definition.yaml === rule.text;
  let at = error.line !== undefined && sigmaFile ? { line: error.line, column: error.column ?? 1 } : undefined;
  if (!at && error.field && !sigmaFile) at = positionOfField(rule.text, error.field);
  return new FileProblem(rule.file, error.code, error.message, at?.line, at?.column, error.field);
}
