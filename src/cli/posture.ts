import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import { accessKeyFromEnv, expectOk, signedPost } from '../events/client.js';
import { buildComplianceReport, type IacInput } from '../posture/compliance/build-report.js';
import { frameworkTitle, type ComplianceReport } from '../posture/compliance/compliance-report.js';
import { ALL_CHECKS } from '../posture/compliance/catalogue.js';
import { reportAccount } from '../posture/compliance/default-account.js';
import { renderComplianceHtml } from '../posture/compliance/render-html.js';
import { renderComplianceSarif } from '../posture/compliance/render-sarif.js';
import { packageVersion } from '../core/package-version.js';
import { FRAMEWORK_IDS } from '../posture/frameworks/framework.js';
import { isFrameworkId, mappingsFor } from '../posture/frameworks/registry.js';
import { scanIac } from '../posture/iac/scan.js';
import { GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_PATH } from '../posture/routes.js';
import { CONTEXT_MIGRATIONS } from '../server/contexts.js';
import { openStorage } from '../storage/database.js';
import { migrate } from '../storage/migrations.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';
import { storageConfigFrom, withStorageFlags, type StorageFlags } from './storage-flags.js';

const FORMATS = ['json', 'html', 'sarif'] as const;

interface ReportFlags extends StorageFlags {
  failUnder?: string;
  framework: string;
  format: string;
  server?: string;
  iac?: string[];
  gatewayConfig?: string;
  accountId?: string;
  output?: string;
}

async function scanIacPaths(paths: readonly string[]): Promise<IacInput> {
  const scanned = await scanIac(paths);
  for (const e of scanned.errors) process.stderr.write(`bulwark: ${e.code}: ${e.message}\n`);
  process.stderr.write(`scanned ${scanned.files.length} IaC file(s), ${scanned.resources} resource(s)\n`);
  return { paths: [...paths], resources: scanned.resources, results: scanned.results };
}

async function offlineReport(flags: ReportFlags, iac: IacInput | undefined): Promise<ComplianceReport> {
  const config = storageConfigFrom(flags);
  const storage = openStorage({ dataDir: config.dataDir, database: config.database });
  try {
    await migrate(storage, CONTEXT_MIGRATIONS);
    const accountId = await reportAccount(storage, flags.accountId);
    return await buildComplianceReport({ storage, clock: systemClock, accountId, framework: flags.framework, gatewayConfigFile: flags.gatewayConfig, iac });
  } finally {
    await storage.close();
  }
}

async function serverReport(server: string, flags: ReportFlags, iac: IacInput | undefined): Promise<ComplianceReport> {
  const body = Buffer.from(JSON.stringify({ framework: flags.framework, format: 'json', ...(iac ? { iac } : {}) }));
  const json = expectOk(await signedPost(server, POSTURE_REPORT_PATH, body, 'application/json', accessKeyFromEnv(), GET_POSTURE_REPORT_ACTION)) as { Report: ComplianceReport };
  return json.Report;
}

function listChecks(format: string): void {
  const rows = ALL_CHECKS.map((c) => ({ id: c.id, title: c.title, severity: c.severity, source: c.source, resourceTypes: c.resourceTypes, mappings: mappingsFor(c.id) }));
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ checks: rows })}\n`);
    return;
  }
  const short: Record<string, string> = { 'cis-alibaba-2.0': 'CIS', 'mlps2-l3': 'MLPS', 'iso27001-2022': 'ISO', 'pci-dss-4.0': 'PCI' };
  for (const r of rows) process.stdout.write(`${r.id.padEnd(20)} ${r.severity.padEnd(8)} ${r.source.padEnd(8)} ${r.title}${r.mappings.length > 0 ? `  [${r.mappings.map((m) => `${short[m.framework] ?? m.framework} ${m.requirement}`).join(', ')}]` : ''}\n`);
  process.stdout.write(`${rows.length} checks\n`);
}

export function registerPosture(program: Command): void {
  const posture = program.command('posture').description("posture and compliance of the platform's live state and Alibaba Cloud Terraform");
  posture
    .command('checks')
    .description('list every posture check (platform and IaC) with the framework requirements it evidences')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (flags: { format: string }) => {
        if (flags.format !== 'table' && flags.format !== 'json') throw new BulwarkError('InvalidParameter', { field: '--format', reason: 'expected table or json' });
        listChecks(flags.format);
        return EXIT_OK;
      }),
    );
  withStorageFlags(posture.command('report').description('score the live state (plus scanned IaC) against a compliance framework, offline on --data-dir or on a server with --server'))
    .requiredOption('--framework <id>', FRAMEWORK_IDS.join(', '))
    .option('--format <format>', FORMATS.join(' or '), 'json')
    .option('--server <url>', 'Bulwark server URL (signed with BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET); reports on the key\'s account')
    .option('--iac <paths...>', 'Terraform folders, .tf files or plan JSON to scan and include')
    .option('--gateway-config <file>', 'a standalone gateway YAML whose sites are checked besides the managed ones (offline only)')
    .option('--account-id <id>', 'account to report on offline (default: the first account)')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-under <score>', 'exit 1 when the score (0–100) is below this, or when no requirement could be scored')
    .action(
      action(async (flags: ReportFlags) => {
        if (!isFrameworkId(flags.framework)) throw new BulwarkError('InvalidParameter', { field: '--framework', reason: `expected ${FRAMEWORK_IDS.join(', ')}` });
        if (!(FORMATS as readonly string[]).includes(flags.format)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: `expected ${FORMATS.join(' or ')}` });
        const failUnder = flags.failUnder === undefined ? undefined : Number(flags.failUnder);
        if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 100)) throw new BulwarkError('InvalidParameter', { field: '--fail-under', reason: 'expected a score from 0 to 100' });
        if (flags.server && flags.gatewayConfig) throw new BulwarkError('InvalidParameter', { field: '--gateway-config', reason: 'is read offline only (the server checks the sites it stores)' });
        const iac = flags.iac && flags.iac.length > 0 ? await scanIacPaths(flags.iac) : undefined;
        const report = flags.server ? await serverReport(flags.server, flags, iac) : await offlineReport(flags, iac);
        const text = flags.format === 'html' ? renderComplianceHtml(report) : flags.format === 'sarif' ? `${JSON.stringify(renderComplianceSarif(report, packageVersion()), null, 2)}\n` : `${JSON.stringify(report)}\n`;
        if (flags.output) {
          writeFileSync(flags.output, text);
          const s = report.summary;
          process.stderr.write(`${frameworkTitle(report.framework)}: score ${s.score ?? '—'}% — ${s.passed} passed, ${s.failed} failed, ${s.manual} manual, ${s.notApplicable} not applicable; written to ${flags.output}\n`);
        } else process.stdout.write(text);
        if (failUnder !== undefined && (report.summary.score === null || report.summary.score < failUnder)) return EXIT_FAILURE;
        return EXIT_OK;
      }),
    );
}
