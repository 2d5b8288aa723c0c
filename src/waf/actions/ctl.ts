import type { ActionTarget } from './action-target.js';

/** `ctl:option=value`: hands the runtime configuration change to the transaction. */
export function ctl(target: ActionTarget, param: string): void {
  const eq = param.indexOf('=');
  if (eq < 0) return;
  target.ctl(param.slice(0, eq).trim().toLowerCase(), param.slice(eq + 1).trim());
}
