import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { BulwarkError } from '../core/errors.js';
import { accessKeyFromEnv, expectOk, signedPost } from '../events/client.js';
import { DELETE_SITE_ACTION, LIST_SITES_ACTION, PUT_SITE_ACTION, SITES_PATH } from '../sites/paths.js';
import { action, formatOf } from './run.js';
import { registerCertificates } from './sites-certificates.js';

const TABLE_JSON = ['table', 'json'] as const;

interface ServerFlags {
  server: string;
  format: string;
}

const call = (server: string, op: string, body: unknown, act: string) => signedPost(server, `${SITES_PATH}/${op}`, Buffer.from(JSON.stringify(body)), 'application/json', accessKeyFromEnv(), act).then(expectOk);

/** Reads one site, or a `sites:` list, from a YAML or JSON file. */
function readSites(file: string): Record<string, unknown>[] {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BulwarkError('InvalidParameter', { field: 'FILE', reason: `cannot read ${file}: ${(e as Error).message}` });
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(doc) && Array.isArray(doc.sites) && doc.sites.every(isObject)) return doc.sites;
  if (isObject(doc)) return [doc];
  throw new BulwarkError('InvalidParameter', { field: 'FILE', reason: 'expected a site mapping or a `sites:` list' });
}

/** `bulwark sites list|put|delete`: the managed gateways' sites on a server (docs/gateway.md, managed mode). */
export function registerSites(program: Command): void {
  const sites = program.command('sites').description('manage the sites that managed gateways (`bulwark gateway --server`) run');
  sites
    .command('list')
    .description('list the sites and the configuration revision')
    .requiredOption('--server <url>', 'Bulwark server URL (AccessKey from BULWARK_ACCESS_KEY_ID/_SECRET)')
    .option('--format <format>', 'table|json', 'table')
    .action(
      action(async (flags: ServerFlags) => {
        const format = formatOf(flags.format, TABLE_JSON);
        const out = (await call(flags.server, 'list', {}, LIST_SITES_ACTION)) as { revision: number; sites: Array<{ name: string; site: { upstreams?: unknown[]; waf?: { mode?: string } }; updatedAt: string }> };
        if (format === 'json') return void process.stdout.write(`${JSON.stringify({ revision: out.revision, sites: out.sites })}\n`);
        process.stdout.write(`revision ${out.revision}\n`);
        for (const s of out.sites) process.stdout.write(`${s.name.padEnd(24)} upstreams=${s.site.upstreams?.length ?? 0} waf=${s.site.waf?.mode ?? 'off'} updated=${s.updatedAt}\n`);
      }),
    );
  sites
    .command('put')
    .description('create or replace sites from a YAML/JSON file (one site, or `sites:` as in the gateway config)')
    .argument('<file>')
    .requiredOption('--server <url>', 'Bulwark server URL')
    .option('--format <format>', 'table|json', 'table')
    .action(
      action(async (file: string, flags: ServerFlags) => {
        const format = formatOf(flags.format, TABLE_JSON);
        const results: unknown[] = [];
        for (const site of readSites(file)) {
          const r = (await call(flags.server, 'put', { site }, PUT_SITE_ACTION)) as { name: string; revision: number; created: boolean };
          results.push({ name: r.name, revision: r.revision, created: r.created });
          if (format === 'table') process.stdout.write(`${r.created ? 'created' : 'updated'} ${r.name} (revision ${r.revision})\n`);
        }
        if (format === 'json') process.stdout.write(`${JSON.stringify({ sites: results })}\n`);
      }),
    );
  sites
    .command('delete')
    .description('delete a site')
    .argument('<name>')
    .requiredOption('--server <url>', 'Bulwark server URL')
    .option('--format <format>', 'table|json', 'table')
    .action(
      action(async (name: string, flags: ServerFlags) => {
        const format = formatOf(flags.format, TABLE_JSON);
        const r = (await call(flags.server, 'delete', { name }, DELETE_SITE_ACTION)) as { revision: number };
        process.stdout.write(format === 'json' ? `${JSON.stringify({ name, revision: r.revision })}\n` : `deleted ${name} (revision ${r.revision})\n`);
      }),
    );
  registerCertificates(sites);
}
