import { BulwarkError } from '../../core/errors.js';
import { Macro } from '../actions/macro.js';
import { ACTION_KINDS } from '../actions/registry.js';
import { compileOperator } from '../operators/compile.js';
import { findTransformation } from '../transformations/registry.js';
import type { DisruptiveAction, Phase, Rule, RuleAction } from '../types.js';
import { parseVariables } from './parse-variables.js';
import { splitActions, type RawAction } from './split-actions.js';

/** What SecDefaultAction gives the rules of one phase. */
export interface PhaseDefaults {
  disruptive: DisruptiveAction;
  status: number | undefined;
  log: boolean;
  auditlog: boolean;
  transformations: Rule['transformations'];
}

export function initialDefaults(): PhaseDefaults {
  return { disruptive: 'pass', status: undefined, log: true, auditlog: true, transformations: [] };
}

const SEVERITIES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

export function parsePhase(value: string, where: string): Phase {
  const v = value.trim().toLowerCase();
  if (v === 'request') return 2;
  if (v === 'response') return 4;
  if (v === 'logging') return 5;
  const n = Number(v);
  if (n === 1 || n === 2 || n === 3 || n === 4 || n === 5) return n;
  throw new BulwarkError('Waf.InvalidRule', { where, reason: `invalid phase "${value}"` });
}

export interface RuleSource {
  readonly variables: string | undefined;
  readonly operator: string | undefined;
  readonly actions: string;
  readonly file: string;
  readonly line: number;
  readonly baseDir: string;
  readonly raw: string;
  readonly chained: boolean;
  /** Phase of the chain starter, for chained rules. */
  readonly parentPhase?: Phase;
}

function splitOperator(text: string): { name: string; param: string; negated: boolean } {
  let s = text.trimStart();
  let negated = false;
  if (s.startsWith('!')) { negated = true; s = s.slice(1).trimStart(); }
  if (!s.startsWith('@')) return { name: 'rx', param: s, negated };
  const m = /^@(\w+)\s?([\s\S]*)$/.exec(s);
  if (!m) return { name: s.slice(1), param: '', negated };
  return { name: m[1] as string, param: m[2] as string, negated };
}

/** Compiles one SecRule / SecAction (not yet linked into a chain) with the defaults of its phase. */
export function buildRule(src: RuleSource, defaultsFor: (phase: Phase) => PhaseDefaults): Rule {
  const where = `${src.file}:${src.line}`;
  const raw = splitActions(src.actions);
  let phase: Phase = src.parentPhase ?? 2;
  for (const a of raw) if (a.name === 'phase' && a.param !== undefined) phase = parsePhase(a.param, where);
  const defaults = src.chained ? initialDefaults() : defaultsFor(phase);
  const op = src.operator === undefined ? { name: 'unconditionalMatch', param: '', negated: false } : splitOperator(src.operator);
  const rule: Rule = {
    id: 0, phase, file: src.file, line: src.line,
    variables: src.variables === undefined ? [] : parseVariables(src.variables, where),
    operator: compileOperatorAt(op.name, op.param, src.baseDir, where),
    operatorName: op.name, operatorParam: op.param, negated: op.negated,
    transformations: [...defaults.transformations], actions: [], msg: undefined, logdata: undefined, tags: [],
    severity: undefined, disruptive: src.chained ? 'pass' : defaults.disruptive, status: defaults.status, redirect: undefined,
    allowScope: undefined, log: defaults.log, auditlog: defaults.auditlog, capture: false, multiMatch: false, skip: 0,
    skipAfter: undefined, ver: undefined, chain: undefined, chained: src.chained, raw: src.raw,
  };
  applyActions(rule, raw, where);
  if (!src.chained && rule.id === 0 && src.operator !== undefined) {
    throw new BulwarkError('Waf.InvalidRule', { where, reason: 'rule has no id' });
  }
  return rule;
}

function compileOperatorAt(name: string, param: string, baseDir: string, where: string): Rule['operator'] {
  try {
    return compileOperator(name, param, baseDir);
  } catch (e) {
    if (e instanceof BulwarkError && e.code === 'Waf.InvalidRule') {
      throw new BulwarkError('Waf.InvalidRule', { where: `${where} (${String(e.params.where)})`, reason: String(e.params.reason) });
    }
    throw e;
  }
}

/** Applies parsed actions onto a rule (used for new rules and for SecRuleUpdateActionById). */
export function applyActions(rule: Rule, actions: readonly RawAction[], where: string): void {
  let explicitLog: boolean | undefined;
  for (const a of actions) {
    const kind = ACTION_KINDS.get(a.name);
    if (kind === undefined) throw new BulwarkError('Waf.InvalidRule', { where, reason: `unknown action "${a.name}"` });
    const p = a.param ?? '';
    switch (a.name) {
      case 'id': {
        const id = Number(p);
        if (!Number.isInteger(id) || id <= 0) throw new BulwarkError('Waf.InvalidRule', { where, reason: `invalid id "${p}"` });
        rule.id = id;
        break;
      }
      case 'phase': rule.phase = parsePhase(p, where); break;
      case 'msg': rule.msg = new Macro(p); break;
      case 'logdata': rule.logdata = new Macro(p); break;
      case 'tag': rule.tags.push(p); break;
      case 'severity': {
        const n = Number(p);
        rule.severity = Number.isInteger(n) && n >= 0 && n < 8 ? SEVERITIES[n] : p.toUpperCase();
        break;
      }
      case 'ver': rule.ver = p; break;
      case 'status': rule.status = Number(p); break;
      case 'chain': break;
      case 'skip': rule.skip = Number(p); break;
      case 'skipafter': rule.skipAfter = p; break;
      case 't': {
        if (p.toLowerCase() === 'none') { rule.transformations = []; break; }
        const fn = findTransformation(p);
        if (fn === undefined) throw new BulwarkError('Waf.InvalidRule', { where, reason: `unknown transformation "${p}"` });
        rule.transformations.push({ name: p.toLowerCase(), fn });
        break;
      }
      case 'capture': rule.capture = true; break;
      case 'multimatch': rule.multiMatch = true; break;
      case 'log': explicitLog = true; break;
      case 'nolog': explicitLog = false; rule.auditlog = false; break;
      case 'auditlog': rule.auditlog = true; break;
      case 'noauditlog': rule.auditlog = false; break;
      case 'allow': {
        rule.disruptive = 'allow';
        const scope = p.toLowerCase();
        rule.allowScope = scope === 'phase' ? 'phase' : scope === 'request' ? 'request' : 'all';
        break;
      }
      case 'redirect': rule.disruptive = 'redirect'; rule.redirect = p; break;
      default:
        if (kind === 'disruptive') rule.disruptive = a.name as DisruptiveAction;
        else if (kind === 'runtime') rule.actions.push(compileAction(a));
    }
  }
  if (explicitLog !== undefined) rule.log = explicitLog;
}

function compileAction(a: RawAction): RuleAction {
  const param = a.param;
  return { name: a.name, param, macro: param !== undefined && param.includes('%{') ? new Macro(param) : undefined };
}

/** Parses only the phase and disruptive/log/transformation parts of SecDefaultAction. */
export function parseDefaults(text: string, where: string): { phase: Phase; defaults: PhaseDefaults } {
  const probe = buildRule({ variables: undefined, operator: undefined, actions: text, file: where, line: 0, baseDir: '.', raw: text, chained: false }, () => initialDefaults());
  return {
    phase: probe.phase,
    defaults: { disruptive: probe.disruptive, status: probe.status, log: probe.log, auditlog: probe.auditlog, transformations: probe.transformations },
  };
}
