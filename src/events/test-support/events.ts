import type { EventRecord } from '../event.js';
import { normalizeEvent } from '../normalize.js';

/** Normalises test events (throws on a bad one, so fixtures stay honest). */
export function events(docs: readonly Record<string, unknown>[], now = Date.UTC(2026, 10, 28, 12)): EventRecord[] {
  return docs.map((d, i) => {
    const r = normalizeEvent(d, i, now);
    if (!r.ok) throw new Error(`fixture ${i}: ${r.problem.field}: ${r.problem.reason}`);
    return r.event;
  });
}
