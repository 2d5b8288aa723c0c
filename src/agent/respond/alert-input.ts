import { BulwarkError } from '../../core/errors.js';
import type { EcsDocument } from '../intrusion/alert.js';

function isDoc(v: unknown): v is EcsDocument {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Alerts from the output of the offline detectors (`{events: [...]}` of `agent detect … --format
 * json` or `agent processes --format json`), a JSON array, or NDJSON (one document a line).
 */
export function parseAlertInput(text: string, source: string): EcsDocument[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value)) return value.filter(isDoc);
    if (isDoc(value)) return Array.isArray(value.events) ? value.events.filter(isDoc) : [value];
  } catch {
    /* not one JSON document: NDJSON */
  }
  const docs: EcsDocument[] = [];
  trimmed.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const v: unknown = JSON.parse(line);
      if (isDoc(v)) docs.push(v);
    } catch {
      throw new BulwarkError('InvalidParameter', { field: source, reason: `line ${i + 1} is not JSON (expected {events: [...]}, a JSON array or NDJSON)` });
    }
  });
  return docs;
}
