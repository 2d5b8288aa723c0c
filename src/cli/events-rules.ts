import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { expectOk } from '../events/client.js';
import { CREATE_RULE_ACTION, DELETE_RULE_ACTION, GET_RULE_ACTION, LIST_RULES_ACTION, RULES_PATH, UPDATE_RULE_ACTION, VALIDATE_RULE_ACTION } from '../events/alert-routes.js';
import type { RuleView } from '../events/alerts/rule-service.js';
import { callJson, formatFlag, postJson, printJson, table, withServer, type ServerFlags } from './remote.js';
import { FileProblem, problemFromServer, readRuleFile, type RuleFile } from './rule-file.js';
import { action, EXIT_OK, EXIT_USAGE } from './run.js';

const RULE_ID = /^rule-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE = 1000;

interface RuleFileFlags extends ServerFlags {
  sigma?: string;
  definition?: string;
}

/** Runs a command action; a problem in the rule file is printed with its position and exits 2. */
function fileAction<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return action(async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      process.stderr.write(`bulwark: ${e.describe()}\n`);
      return EXIT_USAGE;
    }
  });
}

/** A rule's definition in a few words: the Sigma title, the threshold or the new-value field. */
function summary(r: RuleView): string {
  const d = r.definition;
  switch (d.kind) {
    case 'sigma':
      return r.title ?? '(sigma)';
    case 'threshold':
      return `≥ ${d.threshold} in ${d.window}${d.groupBy.length > 0 ? ` by ${d.groupBy.join(',')}` : ''}: ${d.query}`;
    case 'new_value':
      return `new ${d.field}${d.groupBy.length > 0 ? ` per ${d.groupBy.join(',')}` : ''} (learn ${d.learn})${d.query ? `: ${d.query}` : ''}`;
  }
}

async function allRules(server: string): Promise<RuleView[]> {
  const out: RuleView[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await callJson<{ rules: RuleView[]; total: number }>(server, `${RULES_PATH}/list`, { limit: PAGE, offset }, LIST_RULES_ACTION);
    out.push(...page.rules);
    if (page.rules.length < PAGE || out.length >= page.total) return out;
  }
}

/** A rule id as is; a name looked up among the account's rules (it must be unique). */
async function resolveRule(server: string, ref: string): Promise<string> {
  if (RULE_ID.test(ref)) return ref;
  const matches = (await allRules(server)).filter((r) => r.name === ref);
  if (matches.length === 0) throw new BulwarkError('Events.RuleNotFound', { rule: ref });
  if (matches.length > 1) throw new BulwarkError('InvalidParameter', { field: 'RULE', reason: `${matches.length} rules are named "${ref}"; give the rule id (${matches.map((m) => m.id).join(', ')})` });
  return matches[0]!.id;
}

function severityOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new BulwarkError('InvalidParameter', { field: '--severity', reason: 'expected an integer from 0 to 100' });
  return n;
}

function intFlag(value: string | undefined, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new BulwarkError('InvalidParameter', { field, reason: `expected an integer from ${min} to ${max}` });
  return n;
}

/** A create or update whose definition the server refuses becomes a file problem (exit 2, position). */
async function writeRule(server: string, path: string, body: Record<string, unknown>, ramAction: string, rule: RuleFile): Promise<RuleView> {
  const answer = await postJson(server, path, body, ramAction);
  const error = answer.json as { Code?: string; Message?: string; Field?: string; Line?: number; Column?: number };
  if (answer.status === 400 && typeof error.Field === 'string' && error.Field.startsWith('definition')) {
    throw problemFromServer(rule, { code: String(error.Code), message: String(error.Message), field: error.Field, line: error.Line, column: error.Column });
  }
  return (expectOk(answer) as { rule: RuleView }).rule;
}

function describeRule(r: RuleView): string {
  const lines = [`${r.id}  ${r.name}`, `  kind       ${r.kind}`, `  severity   ${r.severity}`, `  enabled    ${r.enabled ? 'yes' : 'no'}`, `  updated    ${r.updatedAt}`];
  if (r.definition.kind === 'sigma') lines.push(`  title      ${r.title ?? '-'}`, '  sigma rule:', ...r.definition.yaml.trimEnd().split('\n').map((l) => `    ${l}`));
  else lines.push(`  definition ${summary(r)}`);
  return `${lines.join('\n')}\n`;
}

/** `bulwark events rules list|get|put|delete|enable|disable|validate` (docs/events.md, Command line). */
export function registerRules(events: Command): void {
  const rules = events.command('rules').description('alert rules on a server: threshold, new value, Sigma');

  withServer(rules.command('list').description('the rules of the account, newest first'))
    .option('--kind <kind>', 'threshold, new_value or sigma')
    .option('--enabled', 'only enabled rules')
    .option('--disabled', 'only disabled rules')
    .option('--limit <n>', 'rules per page (1–1000)', '50')
    .option('--offset <n>', 'rules to skip', '0')
    .action(
      action(async (flags: ServerFlags & { kind?: string; enabled?: boolean; disabled?: boolean; limit: string; offset: string }) => {
        const format = formatFlag(flags);
        if (flags.enabled && flags.disabled) throw new BulwarkError('InvalidParameter', { field: '--enabled', reason: 'give --enabled or --disabled, not both' });
        if (flags.kind !== undefined && !['threshold', 'new_value', 'sigma'].includes(flags.kind)) throw new BulwarkError('InvalidParameter', { field: '--kind', reason: 'expected threshold, new_value or sigma' });
        const body = { ...(flags.kind ? { kind: flags.kind } : {}), ...(flags.enabled ? { enabled: true } : flags.disabled ? { enabled: false } : {}), limit: intFlag(flags.limit, '--limit', 1, 1000), offset: intFlag(flags.offset, '--offset', 0, 1_000_000) };
        const r = await callJson<{ rules: RuleView[]; total: number }>(flags.server, `${RULES_PATH}/list`, body, LIST_RULES_ACTION);
        if (format === 'json') return void printJson(r);
        if (r.total === 0) return void process.stdout.write('no rule: add one with `bulwark events rules put --sigma rule.yml` or `--definition rule.yaml --name NAME`\n');
        process.stdout.write(table(['ID', 'NAME', 'KIND', 'SEV', 'ENABLED', 'UPDATED', 'DETECTION'], r.rules.map((x) => [x.id, x.name, x.kind, x.severity, x.enabled ? 'yes' : 'no', x.updatedAt, summary(x)])));
        process.stdout.write(`${r.rules.length} of ${r.total} rule(s)\n`);
      }),
    );

  withServer(rules.command('get').description('one rule with its definition').argument('<rule>', 'rule id or name')).action(
    action(async (ref: string, flags: ServerFlags) => {
      const format = formatFlag(flags);
      const { rule } = await callJson<{ rule: RuleView }>(flags.server, `${RULES_PATH}/get`, { ruleId: await resolveRule(flags.server, ref) }, GET_RULE_ACTION);
      if (format === 'json') printJson({ rule });
      else process.stdout.write(describeRule(rule));
    }),
  );

  withServer(rules.command('put').description('create a rule, or replace the one with this name (or --rule-id), from a Sigma file or a definition file'))
    .option('--sigma <file>', 'a Sigma rule (YAML); its title is the default name and its level the default severity')
    .option('--definition <file>', 'a threshold or new_value definition (JSON or YAML), e.g. {kind: threshold, query: …, window: 5m, threshold: 5}')
    .option('--name <name>', 'rule name (default: the Sigma title, else the file name)')
    .option('--rule-id <id>', 'replace this rule instead of looking the name up')
    .option('--severity <n>', '0–100 (default: the Sigma level, else 50)')
    .option('--disabled', 'store the rule disabled')
    .action(
      fileAction(async (flags: RuleFileFlags & { name?: string; ruleId?: string; severity?: string; disabled?: boolean }) => {
        const format = formatFlag(flags);
        const file = readRuleFile(flags);
        const name = flags.name ?? file.defaultName;
        const severity = severityOf(flags.severity);
        const fields = { name, definition: file.definition, ...(severity !== undefined ? { severity } : {}), ...(flags.disabled ? { enabled: false } : {}) };
        let ruleId = flags.ruleId;
        if (ruleId === undefined) {
          const named = (await allRules(flags.server)).filter((r) => r.name === name);
          if (named.length > 1) throw new BulwarkError('InvalidParameter', { field: '--name', reason: `${named.length} rules are named "${name}"; give --rule-id` });
          ruleId = named[0]?.id;
        }
        const created = ruleId === undefined;
        const rule = created ? await writeRule(flags.server, RULES_PATH, fields, CREATE_RULE_ACTION, file) : await writeRule(flags.server, `${RULES_PATH}/update`, { ruleId, ...fields }, UPDATE_RULE_ACTION, file);
        if (format === 'json') printJson({ rule, created });
        else process.stdout.write(`${created ? 'created' : 'updated'} rule ${rule.id} "${rule.name}" (${rule.kind}, severity ${rule.severity}, ${rule.enabled ? 'enabled' : 'disabled'})\n`);
        return EXIT_OK;
      }),
    );

  withServer(rules.command('delete').description("delete a rule (its alerts stay)").argument('<rule>', 'rule id or name')).action(
    action(async (ref: string, flags: ServerFlags) => {
      const format = formatFlag(flags);
      const ruleId = await resolveRule(flags.server, ref);
      await callJson(flags.server, `${RULES_PATH}/delete`, { ruleId }, DELETE_RULE_ACTION);
      if (format === 'json') printJson({ ruleId, deleted: true });
      else process.stdout.write(`deleted rule ${ruleId}\n`);
    }),
  );

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    withServer(rules.command(verb).description(`${verb} a rule`).argument('<rule>', 'rule id or name')).action(
      action(async (ref: string, flags: ServerFlags) => {
        const format = formatFlag(flags);
        const { rule } = await callJson<{ rule: RuleView }>(flags.server, `${RULES_PATH}/update`, { ruleId: await resolveRule(flags.server, ref), enabled }, UPDATE_RULE_ACTION);
        if (format === 'json') printJson({ rule });
        else process.stdout.write(`rule ${rule.id} "${rule.name}" ${enabled ? 'enabled' : 'disabled'}\n`);
      }),
    );
  }

  withServer(rules.command('validate').description('check a Sigma or definition file on the server without storing it; a mistake is shown as FILE:LINE:COLUMN (exit 2)'))
    .option('--sigma <file>', 'a Sigma rule (YAML)')
    .option('--definition <file>', 'a threshold or new_value definition (JSON or YAML)')
    .option('--name <name>', 'rule name used in messages')
    .action(
      fileAction(async (flags: RuleFileFlags & { name?: string }) => {
        const format = formatFlag(flags);
        const file = readRuleFile(flags);
        const verdict = await callJson<{ valid: boolean; title?: string; severity?: number; error?: { code: string; message: string; field?: string; line?: number; column?: number } }>(
          flags.server,
          `${RULES_PATH}/validate`,
          { name: flags.name ?? file.defaultName, definition: file.definition },
          VALIDATE_RULE_ACTION,
        );
        if (verdict.valid) {
          if (format === 'json') printJson(verdict);
          else process.stdout.write(`${file.file}: valid${verdict.title ? ` — ${verdict.title}` : ''} (severity ${verdict.severity ?? '-'})\n`);
          return EXIT_OK;
        }
        const problem = problemFromServer(file, verdict.error ?? { code: 'Events.InvalidRule', message: 'invalid' });
        if (format === 'json') printJson({ ...verdict, file: file.file, ...(problem.line !== undefined ? { line: problem.line, column: problem.column } : {}) });
        throw problem;
      }),
    );
}
