import type { ActionTarget } from './action-target.js';

/**
 * `setvar`: `tx.k=v`, `tx.k=+n`, `tx.k=-n`, `!tx.k` (delete), `tx.k` (set to 1). The parameter is
 * macro-expanded first; keys are case-insensitive.
 */
export function setvar(target: ActionTarget, param: string): void {
  let spec = param.trim();
  const remove = spec.startsWith('!');
  if (remove) spec = spec.slice(1);
  const eq = spec.indexOf('=');
  const ref = eq < 0 ? spec : spec.slice(0, eq);
  const dot = ref.indexOf('.');
  if (dot < 0) return;
  const collection = target.collection(ref.slice(0, dot).trim().toUpperCase());
  if (collection === undefined) return;
  const key = ref.slice(dot + 1).trim().toLowerCase();
  if (remove) { collection.remove(key); return; }
  if (eq < 0) { collection.set(key, '1'); return; }
  const value = spec.slice(eq + 1);
  if (value.startsWith('+') || value.startsWith('-')) {
    const current = Number.parseInt(collection.first(key) ?? '0', 10);
    const delta = Number.parseInt(value.slice(1), 10);
    const base = Number.isNaN(current) ? 0 : current;
    const d = Number.isNaN(delta) ? 0 : delta;
    collection.set(key, String(value.startsWith('+') ? base + d : base - d));
    return;
  }
  collection.set(key, value);
}
