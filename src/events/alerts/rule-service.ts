import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import { callerWrite, type Caller } from '../../iam/caller.js';
import type { Platform } from '../../server/platform.js';
import type { Rule } from './alert-store.js';
import { compileRule, ruleDefinition, type CompiledRule, type RuleDefinition } from './rule-definition.js';
import { locateSigmaError } from './sigma/locate.js';
import type { EventsTables } from './tables.js';

/** A rule as the API shows it. */
export interface RuleView extends Rule {
  createdAt: string;
  updatedAt: string;
  /** the Sigma rule's title (Sigma rules only) */
  title?: string;
}

export interface RuleInput {
  name: string;
  definition: unknown;
  severity?: number | undefined;
  enabled?: boolean | undefined;
}

export interface RuleChange {
  name?: string | undefined;
  definition?: unknown;
  severity?: number | undefined;
  enabled?: boolean | undefined;
}

/** `updated_at` comes with migration 0004 of the events context. */
type Tables = Omit<EventsTables, 'event_rules'> & { event_rules: EventsTables['event_rules'] & { updated_at: string | null } };
type Row = Tables['event_rules'];
const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/**
 * Compiles a definition like the scheduler will; a Sigma rule's error also carries the line and column
 * of the YAML it points at (`Line`, `Column`) and names `definition.yaml` as the field.
 */
export function checkDefinition(name: string, definition: unknown, severity?: number): CompiledRule {
  try {
    return compileRule(name, definition, severity);
  } catch (e) {
    const yaml = (definition as { kind?: unknown; yaml?: unknown } | null)?.kind === 'sigma' ? (definition as { yaml?: unknown }).yaml : undefined;
    if (e instanceof BulwarkError && typeof yaml === 'string') {
      const at = locateSigmaError(yaml, e);
      throw new BulwarkError(e.code, e.params, { cause: e, extra: { ...e.extra, Field: 'definition.yaml', ...(at ? { Line: at.line, Column: at.column } : {}) } });
    }
    if (e instanceof BulwarkError && e.code === 'Events.InvalidRule' && !e.extra) throw new BulwarkError(e.code, e.params, { cause: e, extra: { Field: `definition.${String(e.params.field)}` } });
    if (e instanceof BulwarkError && (e.code === 'Events.QuerySyntax' || e.code === 'Events.UnknownField' || e.code === 'Events.InvalidValue')) throw new BulwarkError(e.code, e.params, { cause: e, extra: { ...e.extra, Field: 'definition.query' } });
    throw e;
  }
}

/** The definition as stored: defaults applied by the schema. */
function normalized(definition: unknown): RuleDefinition {
  return ruleDefinition.parse(definition);
}

/**
 * Alert rules of each account (transport-free): list, read, create, change, enable/disable, delete.
 * Every change is audited in its transaction. A changed definition restarts the rule: its checkpoint
 * and learned values are dropped, so the next pass evaluates it like a new rule.
 */
export class RuleService {
  constructor(private readonly platform: Pick<Platform, 'storage' | 'audit' | 'clock'>) {}

  private db(): Kysely<Tables> {
    return this.platform.storage.db<Tables>();
  }

  private view(r: Row): RuleView {
    const definition = JSON.parse(r.definition) as RuleDefinition;
    let title: string | undefined;
    if (definition.kind === 'sigma') {
      try {
        const compiled = compileRule(r.name, definition);
        if (compiled.kind === 'sigma') title = compiled.title;
      } catch {
        title = undefined;
      }
    }
    return { id: r.rule_id, accountId: r.account_id, name: r.name, kind: r.kind as Rule['kind'], definition, enabled: r.enabled === 1, severity: r.severity, createdAt: r.created_at, updatedAt: r.updated_at ?? r.created_at, ...(title !== undefined ? { title } : {}) };
  }

  async list(accountId: string, filter: { kind?: Rule['kind'] | undefined; enabled?: boolean | undefined; limit?: number; offset?: number } = {}): Promise<{ rules: RuleView[]; total: number }> {
    let q = this.db().selectFrom('event_rules').where('account_id', '=', accountId);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.enabled !== undefined) q = q.where('enabled', '=', filter.enabled ? 1 : 0);
    const count = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('rule_id').limit(filter.limit ?? 50).offset(filter.offset ?? 0).execute();
    return { rules: rows.map((r) => this.view(r)), total: Number(count?.n ?? 0) };
  }

  private async row(db: Kysely<Tables>, accountId: string, ruleId: string): Promise<Row> {
    const r = await db.selectFrom('event_rules').selectAll().where('rule_id', '=', ruleId).where('account_id', '=', accountId).executeTakeFirst();
    // another account's rule is reported as absent
    if (!r) throw new BulwarkError('Events.RuleNotFound', { rule: ruleId });
    return r;
  }

  async get(accountId: string, ruleId: string): Promise<RuleView> {
    return this.view(await this.row(this.db(), accountId, ruleId));
  }

  async create(caller: Caller, input: RuleInput): Promise<RuleView> {
    const compiled = checkDefinition(input.name, input.definition, input.severity);
    const definition = normalized(input.definition);
    const severity = input.severity ?? compiled.severity;
    const id = `rule-${randomUUID()}`;
    const at = iso(this.platform.clock.now());
    await this.platform.storage.transaction(async (trx) => {
      await (trx as Kysely<Tables>)
        .insertInto('event_rules')
        .values({ rule_id: id, account_id: caller.accountId, name: input.name, kind: definition.kind, definition: JSON.stringify(definition), enabled: input.enabled === false ? 0 : 1, severity, created_at: at, updated_at: at })
        .execute();
      await this.audit(trx, caller, 'CreateEventRule', { ruleId: id, name: input.name, kind: definition.kind, severity, enabled: input.enabled !== false });
    });
    return this.get(caller.accountId, id);
  }

  async update(caller: Caller, ruleId: string, change: RuleChange): Promise<RuleView> {
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<Tables>;
      const r = await this.row(db, caller.accountId, ruleId);
      const name = change.name ?? r.name;
      const set: Record<string, unknown> = { updated_at: iso(this.platform.clock.now()) };
      const changed: string[] = [];
      if (change.name !== undefined && change.name !== r.name) {
        set.name = change.name;
        changed.push('name');
      }
      if (change.definition !== undefined) {
        const compiled = checkDefinition(name, change.definition, change.severity ?? r.severity);
        const definition = normalized(change.definition);
        const text = JSON.stringify(definition);
        if (text !== r.definition) {
          Object.assign(set, { definition: text, kind: definition.kind });
          changed.push('definition');
          // Sigma rules carry their level: a new rule brings its severity unless one is given
          if (change.severity === undefined && definition.kind === 'sigma' && compiled.severity !== r.severity) {
            set.severity = compiled.severity;
            changed.push('severity');
          }
          await db.deleteFrom('event_rule_state').where('rule_id', '=', ruleId).execute();
          await db.deleteFrom('event_rule_values').where('rule_id', '=', ruleId).execute();
        }
      } else if (change.name !== undefined) {
        checkDefinition(name, JSON.parse(r.definition));
      }
      if (change.severity !== undefined && change.severity !== r.severity) {
        set.severity = change.severity;
        changed.push('severity');
      }
      if (change.enabled !== undefined && (change.enabled ? 1 : 0) !== r.enabled) {
        set.enabled = change.enabled ? 1 : 0;
        changed.push('enabled');
      }
      await db.updateTable('event_rules').set(set).where('rule_id', '=', ruleId).execute();
      await this.audit(trx, caller, 'UpdateEventRule', { ruleId, name, changed: [...new Set(changed)], ...(change.enabled !== undefined ? { enabled: change.enabled } : {}) });
    });
    return this.get(caller.accountId, ruleId);
  }

  /** Deletes the rule and its state; its alerts stay (they are history). */
  async delete(caller: Caller, ruleId: string): Promise<void> {
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<Tables>;
      const r = await this.row(db, caller.accountId, ruleId);
      await db.deleteFrom('event_rule_state').where('rule_id', '=', ruleId).execute();
      await db.deleteFrom('event_rule_values').where('rule_id', '=', ruleId).execute();
      await db.deleteFrom('event_rules').where('rule_id', '=', ruleId).execute();
      await this.audit(trx, caller, 'DeleteEventRule', { ruleId, name: r.name, kind: r.kind });
    });
  }

  private audit(trx: Kysely<unknown>, caller: Caller, eventName: string, requestParameters: Record<string, unknown>): Promise<unknown> {
    return this.platform.audit.append(trx, callerWrite(caller, 'events', eventName, requestParameters));
  }
}
