import { z } from 'zod';
import { duration } from '../config/gateway.js';
import { BulwarkError } from '../core/errors.js';
import type { DecisionAction } from './decision-store.js';
import { normalizeTarget } from './target.js';

export interface BlockListEntry {
  value: string;
  action: DecisionAction;
  scenario?: string;
  durationMs?: number;
}

const MAX_ENTRIES = 200_000;

const jsonEntry = z.union([
  z.string(),
  z
    .object({
      value: z.string().optional(),
      ip: z.string().optional(),
      type: z.enum(['ban', 'captcha', 'challenge', 'log']).optional(),
      action: z.enum(['ban', 'challenge', 'log']).optional(),
      duration: duration.optional(),
      scenario: z.string().max(128).optional(),
      reason: z.string().max(128).optional(),
    })
    .passthrough(),
]);

function entryAt(value: string | undefined, line: number): string {
  if (!value) throw new BulwarkError('Reputation.InvalidBlockList', { line, reason: 'no address' });
  try {
    return normalizeTarget(value).value;
  } catch {
    throw new BulwarkError('Reputation.InvalidBlockList', { line, reason: `"${value.slice(0, 64)}" is not an address or CIDR block` });
  }
}

/**
 * Reads a block list: plain text (one address or CIDR per line, `#` comments) or JSON — an array of
 * addresses, or of decisions `{value|ip, type|action, duration, scenario|reason}` (CrowdSec's
 * `cscli decisions list -o json` decisions work). All or nothing: one bad entry refuses the list.
 */
export function parseBlockList(content: string, format: 'text' | 'json'): BlockListEntry[] {
  if (format === 'text') {
    const out: BlockListEntry[] = [];
    content.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line !== '') out.push({ value: entryAt(line, i + 1), action: 'ban' });
    });
    if (out.length > MAX_ENTRIES) throw new BulwarkError('Reputation.InvalidBlockList', { line: MAX_ENTRIES + 1, reason: `more than ${MAX_ENTRIES} entries` });
    return out;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (e) {
    throw new BulwarkError('Reputation.InvalidBlockList', { line: 1, reason: `not JSON (${(e as Error).message})` });
  }
  const list = Array.isArray(doc) ? doc : (doc as { decisions?: unknown })?.decisions;
  if (!Array.isArray(list)) throw new BulwarkError('Reputation.InvalidBlockList', { line: 1, reason: 'expected an array (or {"decisions": [...]})' });
  if (list.length > MAX_ENTRIES) throw new BulwarkError('Reputation.InvalidBlockList', { line: MAX_ENTRIES + 1, reason: `more than ${MAX_ENTRIES} entries` });
  return list.map((item, i) => {
    const r = jsonEntry.safeParse(item);
    if (!r.success) throw new BulwarkError('Reputation.InvalidBlockList', { line: i + 1, reason: r.error.issues[0]?.message ?? 'invalid entry' });
    if (typeof r.data === 'string') return { value: entryAt(r.data, i + 1), action: 'ban' as const };
    const e = r.data;
    const type = e.action ?? (e.type === 'captcha' ? 'challenge' : e.type) ?? 'ban';
    const scenario = e.scenario ?? e.reason;
    return { value: entryAt(e.value ?? e.ip, i + 1), action: type, ...(scenario ? { scenario } : {}), ...(e.duration !== undefined ? { durationMs: e.duration } : {}) };
  });
}
