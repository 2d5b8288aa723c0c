/**
 * Every action the engine accepts, by lower-cased name, and its kind:
 *  - metadata / data / flow / disruptive: read once when the rule is compiled;
 *  - runtime: executed for each match (setvar, ctl, setenv, …), see run-action.ts;
 *  - accepted: parsed and ignored on purpose (persistence and logging knobs this engine has no use for;
 *    documented in docs/waf.md).
 */
export type ActionKind = 'metadata' | 'data' | 'flow' | 'disruptive' | 'transformation' | 'flag' | 'runtime' | 'accepted';

export const ACTION_KINDS: ReadonlyMap<string, ActionKind> = new Map<string, ActionKind>([
  ['id', 'metadata'], ['phase', 'metadata'], ['msg', 'metadata'], ['logdata', 'metadata'], ['tag', 'metadata'],
  ['severity', 'metadata'], ['ver', 'metadata'], ['rev', 'metadata'], ['maturity', 'metadata'], ['accuracy', 'metadata'],
  ['status', 'data'], ['xmlns', 'data'],
  ['chain', 'flow'], ['skip', 'flow'], ['skipafter', 'flow'],
  ['block', 'disruptive'], ['deny', 'disruptive'], ['drop', 'disruptive'], ['pass', 'disruptive'], ['allow', 'disruptive'],
  ['redirect', 'disruptive'], ['proxy', 'disruptive'], ['pause', 'disruptive'],
  ['t', 'transformation'],
  ['capture', 'flag'], ['multimatch', 'flag'], ['log', 'flag'], ['nolog', 'flag'], ['auditlog', 'flag'], ['noauditlog', 'flag'],
  ['setvar', 'runtime'], ['setenv', 'runtime'], ['ctl', 'runtime'], ['expirevar', 'runtime'], ['initcol', 'runtime'],
  ['setuid', 'runtime'], ['setsid', 'runtime'], ['setrsc', 'runtime'], ['deprecatevar', 'runtime'],
  ['exec', 'accepted'], ['append', 'accepted'], ['prepend', 'accepted'], ['sanitisearg', 'accepted'], ['sanitisematched', 'accepted'],
  ['sanitisematchedbytes', 'accepted'], ['sanitiserequestheader', 'accepted'], ['sanitiseresponseheader', 'accepted'],
]);
