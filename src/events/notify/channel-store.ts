import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import { callerWrite, type Caller } from '../../iam/caller.js';
import type { Platform } from '../../server/platform.js';
import { channelConfig, type ChannelConfig } from './channel-config.js';
import type { ChannelTables } from './channel-tables.js';

/** Settings that are secrets: sealed at rest, never returned. */
const SECRET_KEYS = ['url', 'secret', 'headers', 'pass'] as const;
type SecretKey = (typeof SECRET_KEYS)[number];

/** A channel as the API shows it: settings without secrets, and which secrets are set. */
export interface ChannelView {
  channelId: string;
  name: string;
  type: ChannelConfig['type'];
  enabled: boolean;
  /** non-secret settings (SMTP host, port, sender, recipients, …) */
  settings: Record<string, unknown>;
  /** the URL's scheme and host only (its path and query often carry the token) */
  urlHint?: string;
  /** signing secret / SMTP password set */
  secretSet: boolean;
  passwordSet: boolean;
  /** names of extra webhook headers (their values are secret) */
  headerNames: string[];
  createdAt: string;
  updatedAt: string;
}

type Row = ChannelTables['event_channels'];
const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

function hint(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

/** Validates a channel document; the error names the channel and the field. */
export function validateChannel(name: string, document: unknown): ChannelConfig {
  const r = channelConfig.safeParse(document);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new BulwarkError('Events.InvalidChannel', { channel: name, field: issue?.path.map(String).join('.') || 'type', reason: issue?.message ?? 'invalid' }, { extra: { Field: `channel.${issue?.path.map(String).join('.') || 'type'}` } });
}

/**
 * Notification channels of each account in control-plane storage. Secret settings (URLs that carry
 * tokens, signing secrets, header values, SMTP passwords) are sealed with the root key, bound to the
 * channel id; every change is audited in its transaction.
 */
export class ChannelStore {
  constructor(private readonly platform: Pick<Platform, 'storage' | 'audit' | 'clock' | 'sealer'>) {}

  private db(): Kysely<ChannelTables> {
    return this.platform.storage.db<ChannelTables>();
  }

  private context(channelId: string): string {
    return `event_channels:${channelId}`;
  }

  /** The full configuration of a stored channel, secrets opened. */
  private configOf(r: Row): ChannelConfig {
    const secrets = JSON.parse(this.platform.sealer.open(r.sealed_secrets, this.context(r.channel_id))) as Record<string, unknown>;
    return { ...(JSON.parse(r.settings_json) as Record<string, unknown>), ...secrets, type: r.type, name: r.name } as ChannelConfig;
  }

  private view(r: Row): ChannelView {
    const config = this.configOf(r) as Record<string, unknown>;
    const settings: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) if (!SECRET_KEYS.includes(k as SecretKey) && k !== 'type' && k !== 'name') settings[k] = v;
    return {
      channelId: r.channel_id,
      name: r.name,
      type: r.type as ChannelConfig['type'],
      enabled: r.enabled === 1,
      settings,
      ...(typeof config.url === 'string' ? { urlHint: hint(config.url) } : {}),
      secretSet: typeof config.secret === 'string' && config.secret !== '',
      passwordSet: typeof config.pass === 'string' && config.pass !== '',
      headerNames: Object.keys((config.headers as Record<string, string> | undefined) ?? {}),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private split(config: ChannelConfig): { settings: string; secrets: string } {
    const settings: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) {
      if (k === 'type' || k === 'name' || v === undefined) continue;
      (SECRET_KEYS.includes(k as SecretKey) ? secrets : settings)[k] = v;
    }
    return { settings: JSON.stringify(settings), secrets: JSON.stringify(secrets) };
  }

  private async row(accountId: string, channelId: string): Promise<Row> {
    const r = await this.db().selectFrom('event_channels').selectAll().where('account_id', '=', accountId).where('channel_id', '=', channelId).executeTakeFirst();
    if (!r) throw new BulwarkError('Events.ChannelNotFound', { channel: channelId });
    return r;
  }

  async list(accountId: string): Promise<ChannelView[]> {
    const rows = await this.db().selectFrom('event_channels').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
    return rows.map((r) => this.view(r));
  }

  async get(accountId: string, channelId: string): Promise<ChannelView> {
    return this.view(await this.row(accountId, channelId));
  }

  /** The enabled channels of an account, secrets opened (for the notifier only). */
  async deliveryConfigs(accountId: string): Promise<ChannelConfig[]> {
    const rows = await this.db().selectFrom('event_channels').selectAll().where('account_id', '=', accountId).where('enabled', '=', 1).orderBy('name').execute();
    return rows.map((r) => this.configOf(r));
  }

  /** One channel's configuration, secrets opened (for a test message). */
  async deliveryConfig(accountId: string, channelId: string): Promise<ChannelConfig> {
    return this.configOf(await this.row(accountId, channelId));
  }

  async create(caller: Caller, document: unknown, enabled = true): Promise<ChannelView> {
    const name = typeof (document as { name?: unknown } | null)?.name === 'string' ? (document as { name: string }).name : '(new)';
    const config = validateChannel(name, document);
    const channelId = `ch-${randomUUID()}`;
    const at = iso(this.platform.clock.now());
    const { settings, secrets } = this.split(config);
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ChannelTables>;
      const taken = await db.selectFrom('event_channels').select('channel_id').where('account_id', '=', caller.accountId).where('name', '=', config.name).executeTakeFirst();
      if (taken) throw new BulwarkError('Events.ChannelExists', { channel: config.name }, { extra: { Field: 'channel.name' } });
      await db
        .insertInto('event_channels')
        .values({ channel_id: channelId, account_id: caller.accountId, name: config.name, type: config.type, settings_json: settings, sealed_secrets: this.platform.sealer.seal(secrets, this.context(channelId)), enabled: enabled ? 1 : 0, created_at: at, updated_at: at })
        .execute();
      await this.audit(trx, caller, 'CreateNotificationChannel', { channelId, name: config.name, type: config.type, enabled });
    });
    return this.get(caller.accountId, channelId);
  }

  /**
   * Changes a channel. Secret settings left out keep their stored value (the console never has
   * them); an empty `secret` or `pass` removes it. Changing the type needs the full document.
   */
  async update(caller: Caller, channelId: string, change: { channel?: Record<string, unknown>; enabled?: boolean }): Promise<ChannelView> {
    const at = iso(this.platform.clock.now());
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ChannelTables>;
      const r = await db.selectFrom('event_channels').selectAll().where('account_id', '=', caller.accountId).where('channel_id', '=', channelId).executeTakeFirst();
      if (!r) throw new BulwarkError('Events.ChannelNotFound', { channel: channelId });
      const set: Partial<Row> = { updated_at: at };
      const changed: string[] = [];
      if (change.channel) {
        const stored = this.configOf(r) as Record<string, unknown>;
        const sameType = change.channel.type === undefined || change.channel.type === r.type;
        const merged: Record<string, unknown> = sameType ? { ...stored, ...change.channel } : { ...change.channel };
        merged.name ??= r.name;
        for (const k of ['secret', 'pass'] as const) if (merged[k] === '') delete merged[k];
        const config = validateChannel(String(merged.name ?? r.name), merged);
        if (config.name !== r.name) {
          const taken = await db.selectFrom('event_channels').select('channel_id').where('account_id', '=', caller.accountId).where('name', '=', config.name).executeTakeFirst();
          if (taken) throw new BulwarkError('Events.ChannelExists', { channel: config.name }, { extra: { Field: 'channel.name' } });
        }
        const { settings, secrets } = this.split(config);
        Object.assign(set, { name: config.name, type: config.type, settings_json: settings, sealed_secrets: this.platform.sealer.seal(secrets, this.context(channelId)) });
        changed.push(...Object.keys(change.channel).filter((k) => k !== 'type' || !sameType));
      }
      if (change.enabled !== undefined) {
        set.enabled = change.enabled ? 1 : 0;
        changed.push('enabled');
      }
      await db.updateTable('event_channels').set(set).where('channel_id', '=', channelId).execute();
      // names of what changed, never the values (they may be secrets)
      await this.audit(trx, caller, 'UpdateNotificationChannel', { channelId, name: set.name ?? r.name, changed: [...new Set(changed)].sort(), ...(change.enabled !== undefined ? { enabled: change.enabled } : {}) });
    });
    return this.get(caller.accountId, channelId);
  }

  async delete(caller: Caller, channelId: string): Promise<void> {
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ChannelTables>;
      const r = await db.selectFrom('event_channels').select(['name', 'type']).where('account_id', '=', caller.accountId).where('channel_id', '=', channelId).executeTakeFirst();
      if (!r) throw new BulwarkError('Events.ChannelNotFound', { channel: channelId });
      await db.deleteFrom('event_channels').where('channel_id', '=', channelId).execute();
      await this.audit(trx, caller, 'DeleteNotificationChannel', { channelId, name: r.name, type: r.type });
    });
  }

  /** Records that a test message was sent (it leaves the platform), with its outcome. */
  async auditTest(caller: Caller, channel: ChannelView, ok: boolean): Promise<void> {
    await this.platform.storage.transaction((trx) => this.audit(trx, caller, 'TestNotificationChannel', { channelId: channel.channelId, name: channel.name, type: channel.type, delivered: ok }));
  }

  private audit(trx: Kysely<unknown>, caller: Caller, eventName: string, requestParameters: Record<string, unknown>): Promise<unknown> {
    return this.platform.audit.append(trx, callerWrite(caller, 'events', eventName, requestParameters));
  }
}
