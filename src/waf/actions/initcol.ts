import type { ActionTarget } from './action-target.js';

/**
 * `initcol:ip=%{REMOTE_ADDR}` (also setsid/setuid/setrsc): makes the named collection available for
 * the transaction. There are no persistent collections (see docs/waf.md): it starts empty every time.
 */
export function initcol(target: ActionTarget, param: string): void {
  const eq = param.indexOf('=');
  target.collection((eq < 0 ? param : param.slice(0, eq)).trim().toUpperCase());
}
