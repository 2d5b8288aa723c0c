import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { BulwarkError } from '../core/errors.js';
import { CHANNELS_PATH, CREATE_CHANNEL_ACTION, DELETE_CHANNEL_ACTION, LIST_CHANNELS_ACTION, TEST_CHANNEL_ACTION, UPDATE_CHANNEL_ACTION } from '../events/alert-routes.js';
import type { ChannelView } from '../events/notify/channel-store.js';
import { callJson, formatFlag, printJson, readText, table, withServer, type ServerFlags } from './remote.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';

const CHANNEL_ID = /^ch-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Channel settings that are secrets: taken from a file or an environment variable, never echoed. */
const SECRETS = ['url', 'secret', 'pass'] as const;

type SecretFlags = { [K in (typeof SECRETS)[number] as `${K}File` | `${K}Env`]?: string };

interface PutFlags extends ServerFlags, SecretFlags {
  name?: string;
  type?: string;
  disabled?: boolean;
  enabled?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The channel document: the file (one entry of notify.yaml's `channels:`), `--name`/`--type`, then the secrets. */
function channelDocument(file: string | undefined, flags: PutFlags): Record<string, unknown> {
  let doc: Record<string, unknown> = {};
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = parseYaml(readText(file, 'FILE'));
    } catch (e) {
      if (e instanceof BulwarkError) throw e;
      // the YAML parser's message quotes the text around the mistake, which may be a secret: only its position
      const at = /at line (\d+), column (\d+)/.exec((e as Error).message);
      throw new BulwarkError('InvalidParameter', { field: 'FILE', reason: `${file} is not valid YAML or JSON${at ? ` (line ${at[1]}, column ${at[2]})` : ''}` });
    }
    if (!isObject(parsed)) throw new BulwarkError('InvalidParameter', { field: 'FILE', reason: 'expected one channel mapping, e.g. {type: webhook, name: siem}' });
    doc = { ...parsed };
  }
  if (flags.name !== undefined) doc.name = flags.name;
  if (flags.type !== undefined) doc.type = flags.type;
  for (const key of SECRETS) {
    const fromFile = flags[`${key}File`];
    const fromEnv = flags[`${key}Env`];
    if (fromFile !== undefined && fromEnv !== undefined) throw new BulwarkError('InvalidParameter', { field: `--${key}-file`, reason: `give --${key}-file or --${key}-env, not both` });
    if (fromFile !== undefined) doc[key] = readText(fromFile, `--${key}-file`).replace(/\r?\n$/, '');
    if (fromEnv !== undefined) {
      const value = process.env[fromEnv];
      if (value === undefined || value === '') throw new BulwarkError('MissingParameter', { field: fromEnv });
      doc[key] = value;
    }
  }
  if (typeof doc.name !== 'string' || doc.name === '') throw new BulwarkError('MissingParameter', { field: '--name (or name: in FILE)' });
  return doc;
}

/** A channel id as is; a name looked up among the account's channels. */
async function resolveChannel(server: string, ref: string): Promise<ChannelView | { channelId: string; name: string }> {
  if (CHANNEL_ID.test(ref)) return { channelId: ref, name: ref };
  const { channels } = await callJson<{ channels: ChannelView[] }>(server, `${CHANNELS_PATH}/list`, {}, LIST_CHANNELS_ACTION);
  const found = channels.find((c) => c.name === ref);
  if (!found) throw new BulwarkError('Events.ChannelNotFound', { channel: ref });
  return found;
}

/** Where a channel sends: the URL's origin, or the SMTP server and recipients. */
function target(c: ChannelView): string {
  if (c.urlHint) return c.urlHint;
  const s = c.settings as { host?: string; port?: number; to?: string[] };
  return s.host ? `${s.host}:${s.port ?? ''} → ${(s.to ?? []).join(',')}` : '-';
}

function secretsOf(c: ChannelView): string {
  const set = [c.secretSet ? 'secret' : '', c.passwordSet ? 'password' : '', ...c.headerNames.map((h) => `header ${h}`)].filter(Boolean);
  return set.length > 0 ? set.join(', ') : 'none';
}

/** `bulwark events channels list|put|delete|test` (docs/events.md, Command line). */
export function registerChannels(events: Command): void {
  const channels = events.command('channels').description("the account's notification channels on a server (webhook, DingTalk, WeCom, Lark, Slack, email)");

  withServer(channels.command('list').description('channels with their target (URL origin only) and which secrets are set')).action(
    action(async (flags: ServerFlags) => {
      const format = formatFlag(flags);
      const r = await callJson<{ channels: ChannelView[] }>(flags.server, `${CHANNELS_PATH}/list`, {}, LIST_CHANNELS_ACTION);
      if (format === 'json') return void printJson(r);
      if (r.channels.length === 0) return void process.stdout.write('no channel: add one with `bulwark events channels put channel.yaml --url-env HOOK_URL`\n');
      process.stdout.write(table(['NAME', 'TYPE', 'ENABLED', 'TARGET', 'SECRETS SET', 'ID'], r.channels.map((c) => [c.name, c.type, c.enabled ? 'yes' : 'no', target(c), secretsOf(c), c.channelId])));
    }),
  );

  withServer(
    channels
      .command('put')
      .description('create a channel, or change the one with this name (settings left out keep their value); secrets from files or environment variables')
      .argument('[file]', 'YAML/JSON channel document: one entry of notify.yaml `channels:` (docs/events.md)'),
  )
    .option('--name <name>', 'channel name (overrides the file)')
    .option('--type <type>', 'webhook, dingtalk, wecom, lark, slack or email (overrides the file)')
    .option('--url-file <file>', 'read the URL (it often carries the token) from a file')
    .option('--url-env <var>', 'read the URL from an environment variable')
    .option('--secret-file <file>', 'read the signing secret from a file')
    .option('--secret-env <var>', 'read the signing secret from an environment variable')
    .option('--pass-file <file>', 'read the SMTP password from a file')
    .option('--pass-env <var>', 'read the SMTP password from an environment variable')
    .option('--disabled', 'store the channel disabled')
    .option('--enabled', 'enable an existing disabled channel')
    .action(
      action(async (file: string | undefined, flags: PutFlags) => {
        const format = formatFlag(flags);
        if (flags.enabled && flags.disabled) throw new BulwarkError('InvalidParameter', { field: '--enabled', reason: 'give --enabled or --disabled, not both' });
        const doc = channelDocument(file, flags);
        const { channels: existing } = await callJson<{ channels: ChannelView[] }>(flags.server, `${CHANNELS_PATH}/list`, {}, LIST_CHANNELS_ACTION);
        const same = existing.find((c) => c.name === doc.name);
        const enabled = flags.disabled ? { enabled: false } : flags.enabled ? { enabled: true } : {};
        const { channel } = same
          ? await callJson<{ channel: ChannelView }>(flags.server, `${CHANNELS_PATH}/update`, { channelId: same.channelId, channel: doc, ...enabled }, UPDATE_CHANNEL_ACTION)
          : await callJson<{ channel: ChannelView }>(flags.server, `${CHANNELS_PATH}/create`, { channel: doc, ...enabled }, CREATE_CHANNEL_ACTION);
        if (format === 'json') printJson({ channel, created: !same });
        else process.stdout.write(`${same ? 'updated' : 'created'} channel ${channel.name} (${channel.type}, ${channel.enabled ? 'enabled' : 'disabled'}) → ${target(channel)}; secrets set: ${secretsOf(channel)}; id ${channel.channelId}\n`);
      }),
    );

  withServer(channels.command('delete').description('delete a channel').argument('<channel>', 'channel id or name')).action(
    action(async (ref: string, flags: ServerFlags) => {
      const format = formatFlag(flags);
      const c = await resolveChannel(flags.server, ref);
      await callJson(flags.server, `${CHANNELS_PATH}/delete`, { channelId: c.channelId }, DELETE_CHANNEL_ACTION);
      if (format === 'json') printJson({ channelId: c.channelId, deleted: true });
      else process.stdout.write(`deleted channel ${c.name}\n`);
    }),
  );

  withServer(channels.command('test').description('send one test message to a channel (no retry); exit 1 when it is not delivered').argument('<channel>', 'channel id or name')).action(
    action(async (ref: string, flags: ServerFlags) => {
      const format = formatFlag(flags);
      const c = await resolveChannel(flags.server, ref);
      const { delivery } = await callJson<{ delivery: { ok: boolean; attempts: number; error?: string } }>(flags.server, `${CHANNELS_PATH}/test`, { channelId: c.channelId }, TEST_CHANNEL_ACTION);
      if (format === 'json') printJson({ channelId: c.channelId, delivery });
      else process.stdout.write(delivery.ok ? `test message delivered to ${c.name}\n` : `test message NOT delivered to ${c.name}: ${delivery.error ?? 'unknown error'}\n`);
      return delivery.ok ? EXIT_OK : EXIT_FAILURE;
    }),
  );
}
