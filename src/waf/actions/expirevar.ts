import type { ActionTarget } from './action-target.js';

/**
 * `expirevar:coll.key=seconds`. Collections live for one transaction in this engine (no persistent
 * storage), so an expiry always lies beyond the transaction's end: the action is validated and has no
 * further effect. Documented in docs/waf.md.
 */
export function expirevar(target: ActionTarget, param: string): void {
  const dot = param.indexOf('.');
  if (dot < 0) return;
  target.collection(param.slice(0, dot).trim().toUpperCase());
}
