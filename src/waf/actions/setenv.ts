import type { ActionTarget } from './action-target.js';

/** `setenv`: `name=value` into the transaction's ENV collection (`!name` removes it). */
export function setenv(target: ActionTarget, param: string): void {
  const env = target.collection('ENV');
  if (env === undefined) return;
  const spec = param.trim();
  if (spec.startsWith('!')) { env.remove(spec.slice(1)); return; }
  const eq = spec.indexOf('=');
  if (eq < 0) env.set(spec, '1');
  else env.set(spec.slice(0, eq), spec.slice(eq + 1));
}
