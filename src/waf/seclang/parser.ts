import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import RE2 from 're2';
import { BulwarkError } from '../../core/errors.js';
import { defaultEngineConfig, type EngineConfig } from '../engine-config.js';
import type { Phase, Rule } from '../types.js';
import { expandGlob } from './glob.js';
import { lexDirectives, type Directive } from './lexer.js';
import { parseVariables } from './parse-variables.js';
import { applyActions, buildRule, initialDefaults, parseDefaults, type PhaseDefaults } from './rule-builder.js';
import { splitActions } from './split-actions.js';

/** Directives accepted and ignored on purpose: logging, storage and server knobs with no meaning here. */
const IGNORED = new Set([
  'secrequestbodyinmemorylimit', 'secpcrematchlimit', 'secpcrematchlimitrecursion', 'sectmpdir', 'secdatadir', 'secauditengine',
  'secauditlog', 'secauditlog2', 'secauditlogparts', 'secauditlogrelevantstatus', 'secauditlogtype', 'secauditlogformat',
  'secauditlogstoragedir', 'secauditlogdirmode', 'secauditlogfilemode', 'secdebuglog', 'secdebugloglevel', 'secuploaddir',
  'secuploadkeepfiles', 'secuploadfilemode', 'secuploadfilelimit', 'secunicodemapfile', 'secunicodecodepage', 'secstatusengine',
  'secserversignature', 'sectmpsaveuploadedfiles', 'seccookieformat', 'secwebappid', 'secgeolookupdb', 'sechashengine',
  'sechashkey', 'sechashparam', 'sechashmethodrx', 'sechashmethodpm', 'secconnengine', 'secinterceptonerror',
  'secruleperftime', 'secstreaminbodyinspection', 'secstreamoutbodyinspection', 'secsensorid', 'seccontentinjection',
  'secgsblookupdb', 'secxmlexternalentity', 'secresponsebodymimetypesclear_', 'secremoterules', 'secremoterulesfailaction',
  'secchrootdir', 'secreadstatesize', 'secwritestatesize', 'secguardianlog', 'secdisablebackendcompression', 'secrulescript',
  'secrequestbodyjsondepthlimit_',
]);

/** The result of loading SecLang: engine settings and the rules in definition order (markers included). */
export class RuleSet {
  readonly config: EngineConfig = defaultEngineConfig();
  readonly rules: Rule[] = [];
  private readonly defaults = new Map<Phase, PhaseDefaults>();
  private readonly ids = new Set<number>();
  private pendingChain: Rule | undefined;
  private includeDepth = 0;

  defaultsFor(phase: Phase): PhaseDefaults {
    return this.defaults.get(phase) ?? initialDefaults();
  }

  /** Loads a file (globs allowed in Include, not here). */
  loadFile(path: string): void {
    let text: string;
    try {
      if (statSync(path).isDirectory()) throw new Error('is a directory');
      text = readFileSync(path, 'latin1');
    } catch (e) {
      throw new BulwarkError('Waf.FileNotFound', { path, reason: e instanceof Error ? e.message : String(e) });
    }
    this.loadText(text, path, dirname(path));
  }

  /** Loads SecLang text; `baseDir` resolves relative Include and data file paths. */
  loadText(text: string, file: string, baseDir: string): void {
    for (const d of lexDirectives(text, file)) this.directive(d, baseDir);
    if (this.includeDepth === 0 && this.pendingChain !== undefined) {
      const r = this.pendingChain;
      this.pendingChain = undefined;
      throw new BulwarkError('Waf.InvalidRule', { where: `${r.file}:${r.line}`, reason: 'chain without a following rule' });
    }
  }

  private directive(d: Directive, baseDir: string): void {
    const where = `${d.file}:${d.line}`;
    const name = d.name.toLowerCase();
    const arg = (i: number): string => {
      const v = d.args[i];
      if (v === undefined) throw new BulwarkError('Waf.InvalidRule', { where, reason: `${d.name} needs ${i + 1} argument(s)` });
      return v;
    };
    const onOff = (): boolean => {
      const v = arg(0).toLowerCase();
      if (v !== 'on' && v !== 'off') throw new BulwarkError('Waf.InvalidRule', { where, reason: `${d.name} expects On or Off` });
      return v === 'on';
    };
    const int = (): number => {
      const n = Number(arg(0));
      if (!Number.isInteger(n) || n < 0) throw new BulwarkError('Waf.InvalidRule', { where, reason: `${d.name} expects a number` });
      return n;
    };
    const c = this.config;
    switch (name) {
      case 'secrule': this.addRule(arg(0), arg(1), d.args[2] ?? '', d, baseDir); return;
      case 'secaction': this.addRule(undefined, undefined, arg(0), d, baseDir); return;
      case 'secmarker': {
        const marker: Rule = { ...buildRule({ variables: undefined, operator: '@noMatch', actions: 'id:1', file: d.file, line: d.line, baseDir, raw: `SecMarker ${arg(0)}`, chained: false }, () => initialDefaults()), id: 0, marker: arg(0) };
        this.rules.push(marker);
        return;
      }
      case 'secdefaultaction': {
        const { phase, defaults } = parseDefaults(arg(0), where);
        this.defaults.set(phase, defaults);
        return;
      }
      case 'secruleengine': {
        const v = arg(0).toLowerCase();
        c.ruleEngine = v === 'on' ? 'On' : v === 'off' ? 'Off' : v === 'detectiononly' ? 'DetectionOnly'
          : (() => { throw new BulwarkError('Waf.InvalidRule', { where, reason: 'SecRuleEngine expects On, Off or DetectionOnly' }); })();
        return;
      }
      case 'secrequestbodyaccess': c.requestBodyAccess = onOff(); return;
      case 'secresponsebodyaccess': c.responseBodyAccess = onOff(); return;
      case 'secrequestbodylimit': c.requestBodyLimit = int(); return;
      case 'secrequestbodynofileslimit': c.requestBodyNoFilesLimit = int(); return;
      case 'secresponsebodylimit': c.responseBodyLimit = int(); return;
      case 'secargumentslimit': c.argumentsLimit = int(); return;
      case 'secrequestbodyjsondepthlimit': c.jsonDepthLimit = int(); return;
      case 'seccollectiontimeout': c.collectionTimeout = int(); return;
      case 'secrequestbodylimitaction':
      case 'secresponsebodylimitaction': {
        const v = arg(0).toLowerCase();
        const action = v === 'reject' ? 'Reject' : v === 'processpartial' ? 'ProcessPartial'
          : (() => { throw new BulwarkError('Waf.InvalidRule', { where, reason: `${d.name} expects Reject or ProcessPartial` }); })();
        if (name === 'secrequestbodylimitaction') c.requestBodyLimitAction = action; else c.responseBodyLimitAction = action;
        return;
      }
      case 'secresponsebodymimetype':
        for (const a of d.args.join(' ').split(/\s+/)) if (a !== '') c.responseBodyMimeTypes.add(a.toLowerCase());
        return;
      case 'secresponsebodymimetypesclear': c.responseBodyMimeTypes.clear(); return;
      case 'secargumentseparator': c.argumentSeparator = arg(0); return;
      case 'seccomponentsignature': c.componentSignatures.push(arg(0)); return;
      case 'include':
      case 'includeoptional': {
        const files = expandGlob(arg(0), baseDir);
        if (files.length === 0 && name === 'include' && !/[*?]/.test(arg(0))) throw new BulwarkError('Waf.FileNotFound', { path: resolve(baseDir, arg(0)), reason: 'no such file' });
        this.includeDepth++;
        try {
          for (const f of files) this.loadFile(f);
        } finally {
          this.includeDepth--;
        }
        return;
      }
      case 'secruleremovebyid': this.removeWhere(idMatcher(d.args.join(' '), where)); return;
      case 'secruleremovebytag': { const re = new RE2(arg(0)); this.removeWhere((r) => r.tags.some((t) => re.test(t))); return; }
      case 'secruleremovebymsg': { const re = new RE2(arg(0)); this.removeWhere((r) => r.msg !== undefined && re.test(r.msg.text)); return; }
      case 'secruleupdatetargetbyid': this.updateTargets(idMatcher(arg(0), where), arg(1), d.args[2], where); return;
      case 'secruleupdatetargetbytag': { const re = new RE2(arg(0)); this.updateTargets((r) => r.tags.some((t) => re.test(t)), arg(1), d.args[2], where); return; }
      case 'secruleupdatetargetbymsg': { const re = new RE2(arg(0)); this.updateTargets((r) => r.msg !== undefined && re.test(r.msg.text), arg(1), d.args[2], where); return; }
      case 'secruleupdateactionbyid': {
        const match = idMatcher(arg(0).split(':')[0] as string, where);
        const actions = splitActions(arg(1));
        for (const r of this.rules) if (match(r)) applyActions(r, actions, where);
        return;
      }
      default:
        if (IGNORED.has(name)) return;
        throw new BulwarkError('Waf.InvalidRule', { where, reason: `unknown directive "${d.name}"` });
    }
  }

  private addRule(variables: string | undefined, operator: string | undefined, actions: string, d: Directive, baseDir: string): void {
    const where = `${d.file}:${d.line}`;
    const parent = this.pendingChain;
    const raw = variables === undefined ? `SecAction "${actions}"` : `SecRule ${variables} "${operator ?? ''}" "${actions}"`;
    const rule = buildRule({ variables, operator, actions, file: d.file, line: d.line, baseDir, raw, chained: parent !== undefined, ...(parent ? { parentPhase: parent.phase } : {}) }, (p) => this.defaultsFor(p));
    const isChain = /(^|,)\s*chain\s*(,|$)/i.test(actions);
    if (parent !== undefined) {
      parent.chain = rule;
      rule.id = parent.id;
    } else {
      if (this.ids.has(rule.id)) throw new BulwarkError('Waf.InvalidRule', { where, reason: `duplicate rule id ${rule.id}` });
      this.ids.add(rule.id);
      this.rules.push(rule);
    }
    this.pendingChain = isChain ? rule : undefined;
  }

  private removeWhere(pred: (r: Rule) => boolean): void {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const r = this.rules[i] as Rule;
      if (r.marker === undefined && pred(r)) {
        this.rules.splice(i, 1);
        this.ids.delete(r.id);
      }
    }
  }

  private updateTargets(pred: (r: Rule) => boolean, targets: string, replaced: string | undefined, where: string): void {
    const specs = parseVariables(targets, where);
    for (const r of this.rules) {
      if (r.marker !== undefined || !pred(r)) continue;
      if (replaced !== undefined) {
        const old = parseVariables(replaced, where)[0];
        if (old !== undefined) r.variables = r.variables.filter((v) => !(v.collection === old.collection && v.key === old.key));
      }
      r.variables = [...r.variables, ...specs];
    }
  }
}

/** Matches rule ids against `1 2 3-9,10` lists and ranges. */
export function idMatcher(spec: string, where: string): (r: Rule) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const part of spec.split(/[\s,]+/)) {
    if (part === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new BulwarkError('Waf.InvalidRule', { where, reason: `invalid rule id or range "${part}"` });
    const from = Number(m[1]);
    ranges.push([from, m[2] === undefined ? from : Number(m[2])]);
  }
  return (r) => ranges.some(([a, b]) => r.id >= a && r.id <= b);
}
