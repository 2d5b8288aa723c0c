import type { RuleAction } from '../types.js';
import type { ActionTarget } from './action-target.js';
import { ctl } from './ctl.js';
import { expirevar } from './expirevar.js';
import { initcol } from './initcol.js';
import { setenv } from './setenv.js';
import { setvar } from './setvar.js';

type Runner = (target: ActionTarget, param: string) => void;

const RUNNERS: ReadonlyMap<string, Runner> = new Map<string, Runner>([
  ['setvar', setvar],
  ['setenv', setenv],
  ['ctl', ctl],
  ['expirevar', expirevar],
  ['initcol', initcol],
  ['setsid', (t) => initcol(t, 'session')],
  ['setuid', (t) => initcol(t, 'user')],
  ['setrsc', (t) => initcol(t, 'resource')],
  ['deprecatevar', expirevar],
]);

/** Runs one runtime (non-disruptive) action with its parameter macro-expanded. */
export function runAction(action: RuleAction, target: ActionTarget): void {
  const runner = RUNNERS.get(action.name);
  if (runner === undefined) return;
  const param = action.macro !== undefined ? target.expand(action.macro) : (action.param ?? '');
  runner(target, param);
}
