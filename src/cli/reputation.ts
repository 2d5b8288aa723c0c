import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { accessKeyFromEnv, expectOk, signedPost } from '../events/client.js';
import { REPUTATION_ACTIONS as A, REPUTATION_PATH } from '../reputation/paths.js';
import { action, formatOf } from './run.js';

const TABLE_JSON = ['table', 'json'] as const;

interface Flags {
  server: string;
  format: string;
}

type Json = Record<string, unknown>;

const call = async (server: string, op: string, body: unknown, act: string): Promise<Json> =>
  expectOk(await signedPost(server, `${REPUTATION_PATH}/${op}`, Buffer.from(JSON.stringify(body)), 'application/json', accessKeyFromEnv(), act)) as Json;

function decisionLine(d: Json): string {
  return `${String(d.value).padEnd(20)} ${String(d.action).padEnd(9)} ${String(d.origin).padEnd(8)} until ${String(d.until)}  ${String(d.scenario)}`;
}

/** Prints `out` as one JSON document, or through `table` as text. */
function print(format: 'json' | 'table', out: Json, table: (o: Json) => string[]): void {
  process.stdout.write(format === 'json' ? `${JSON.stringify(out)}\n` : `${table(out).join('\n')}\n`);
}

function withServer(c: Command): Command {
  return c.requiredOption('--server <url>', 'Bulwark server URL (AccessKey from BULWARK_ACCESS_KEY_ID/_SECRET)').option('--format <format>', 'table|json', 'table');
}

/** `bulwark reputation …`: scores, decisions, allowlist, block lists and CrowdSec bouncer keys on a server. */
export function registerReputation(program: Command): void {
  const rep = program.command('reputation').description('attacker reputation: scores, bans everywhere, allowlists, block lists (docs/reputation.md)');

  withServer(rep.command('show').argument('<ip>').description('score, active decisions and history of an address')).action(
    action(async (ip: string, f: Flags) => {
      print(formatOf(f.format, TABLE_JSON), await call(f.server, 'show', { ip }, A.get), (o) => [
        `${String(o.ip)}  score ${String(o.score)}${o.allowlisted ? '  (allowlisted)' : ''}`,
        ...((o.active as Json[]).length > 0 ? (o.active as Json[]).map((d) => `active: ${decisionLine(d)}`) : ['no active decision']),
        ...(o.history as Json[]).map((d) => `history: ${decisionLine(d)}`),
      ]);
    }),
  );

  withServer(rep.command('ban').argument('<ip>', 'address or CIDR block').description('ban by hand (enforced by every managed gateway and enrolled agent)'))
    .option('--duration <duration>', 'e.g. 30m, 1h, 7d', '4h')
    .option('--type <type>', 'ban|challenge|log', 'ban')
    .option('--reason <text>', 'why (shown in the decision)', 'manual')
    .action(
      action(async (ip: string, f: Flags & { duration: string; type: string; reason: string }) => {
        const out = await call(f.server, 'ban', { ip, duration: f.duration, type: f.type, reason: f.reason }, A.create);
        print(formatOf(f.format, TABLE_JSON), out, (o) => [o.created ? `banned: ${decisionLine(o.decision as Json)}` : `${ip} is already covered by an active decision`]);
      }),
    );

  withServer(rep.command('unban').argument('<ip>').description('end the active decisions on an address or block')).action(
    action(async (ip: string, f: Flags) => {
      print(formatOf(f.format, TABLE_JSON), await call(f.server, 'unban', { ip }, A.delete), (o) => [`${String(o.deleted)} decision(s) ended for ${ip}`]);
    }),
  );

  withServer(rep.command('list').description('active decisions')).action(
    action(async (f: Flags) => {
      print(formatOf(f.format, TABLE_JSON), await call(f.server, 'list', {}, A.list), (o) => ((o.decisions as Json[]).length > 0 ? (o.decisions as Json[]).map(decisionLine) : ['no active decision']));
    }),
  );

  withServer(rep.command('report').argument('<ip>').description('report an address (adds the `manual` signal to its score)'))
    .option('--reason <text>', 'why', 'reported')
    .action(
      action(async (ip: string, f: Flags & { reason: string }) => {
        print(formatOf(f.format, TABLE_JSON), await call(f.server, 'report', { ip, reason: f.reason }, A.report), (o) => [`score of ${ip}: ${String(o.score)}`, ...(o.decisions as Json[]).map((d) => `decided: ${decisionLine(d)}`)]);
      }),
    );

  const allow = rep.command('allowlist').description('addresses that are never banned (own networks, monitoring)');
  withServer(allow.command('add').argument('<cidr>'))
    .option('--comment <text>', 'what it is', '')
    .action(
      action(async (cidr: string, f: Flags & { comment: string }) => {
        print(formatOf(f.format, TABLE_JSON), await call(f.server, 'allowlist/add', { ip: cidr, comment: f.comment }, A.allowlist), () => [`allowlisted ${cidr}`]);
      }),
    );
  withServer(allow.command('remove').argument('<cidr>')).action(
    action(async (cidr: string, f: Flags) => {
      print(formatOf(f.format, TABLE_JSON), await call(f.server, 'allowlist/remove', { ip: cidr }, A.allowlist), (o) => [o.removed ? `removed ${cidr}` : `${cidr} was not allowlisted`]);
    }),
  );
  withServer(allow.command('list')).action(
    action(async (f: Flags) => {
      print(formatOf(f.format, TABLE_JSON), await call(f.server, 'allowlist/list', {}, A.list), (o) => (o.allowlist as Json[]).map((a) => `${String(a.value).padEnd(20)} ${String(a.comment)}`));
    }),
  );

  withServer(rep.command('import').argument('<file>', 'plain text (one address/CIDR per line) or JSON').description('ban every address of a block list'))
    .option('--duration <duration>', 'ban length for entries without one', '24h')
    .action(
      action(async (file: string, f: Flags & { duration: string }) => {
        let content: string;
        try {
          content = readFileSync(file, 'utf8');
        } catch (e) {
          throw new BulwarkError('InvalidParameter', { field: 'FILE', reason: `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
        }
        const format = /^\s*[[{]/.test(content) ? 'json' : 'text';
        print(formatOf(f.format, TABLE_JSON), await call(f.server, 'import', { format, content, duration: f.duration }, A.create), (o) => [`imported: ${String(o.created)} new decision(s), ${String(o.skipped)} skipped (allowlisted or already banned)`]);
      }),
    );

  withServer(rep.command('export').description('the active bans as a block list'))
    .option('--as <kind>', 'text (CIDR lines) or json (decisions)', 'text')
    .option('--output <file>', 'write to a file instead of stdout')
    .action(
      action(async (f: Flags & { as: string; output?: string }) => {
        if (f.as !== 'text' && f.as !== 'json') throw new BulwarkError('InvalidParameter', { field: '--as', reason: 'expected text or json' });
        const out = await call(f.server, 'export', { format: f.as }, A.list);
        const text = f.as === 'text' ? String(out.content) : `${JSON.stringify(out.decisions)}\n`;
        if (f.output) writeFileSync(f.output, text);
        else process.stdout.write(text);
      }),
    );

  withServer(rep.command('bouncer').argument('<name>').description('create an API key for a CrowdSec bouncer (GET /v1/decisions/stream)')).action(
    action(async (name: string, f: Flags) => {
      print(formatOf(f.format, TABLE_JSON), await call(f.server, 'bouncers/create', { name }, A.bouncer), (o) => [`API key for ${name} (shown once): ${String(o.apiKey)}`, `bouncer config: api_url ${f.server}/  api_key <the key>`]);
    }),
  );
}
