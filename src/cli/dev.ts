import type { Command } from 'commander';
import { devConfig } from '../config/dev.js';
import { loadConfig } from '../config/load.js';
import { createFirstAdmin, firstAccountId, hasAccount, initAccount } from '../iam/bootstrap.js';
import { NdjsonAccessLog } from '../gateway/access-log.js';
import { IngestAccessLog } from '../gateway/managed/ingest-sink.js';
import { startDemoOrigin } from '../gateway/demo-origin.js';
import { devGatewayConfig, findDevCrs } from '../gateway/dev-site.js';
import { startGateway } from '../gateway/gateway.js';
import { startServer } from '../server/start.js';
import { startLocalAgent } from '../agent/local-agent.js';
import { packageVersion } from './version.js';
import { action } from './run.js';
import type { ServerFlags } from './server.js';

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('run everything on this machine with embedded stores under ./.bulwark')
    .option('--config <file>', 'YAML config file')
    .option('--data-dir <dir>', 'data directory', undefined)
    .option('--listen <host:port>', 'server address (default 127.0.0.1:8080)')
    .option('--gateway-listen <host:port>', 'gateway address in front of the demo app (default 127.0.0.1:8081)', '127.0.0.1:8081')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent')
    .action(
      action(async (flags: ServerFlags & { gatewayListen: string }) => {
        const config = loadConfig(devConfig, {
          file: flags.config,
          env: process.env,
          flags: { dataDir: flags.dataDir, listen: flags.listen, logLevel: flags.logLevel ?? 'warn' },
        });
        const server = await startServer(config, { handleSignals: true });
        const origin = await startDemoOrigin({ host: '127.0.0.1', port: 0 });
        const crs = findDevCrs(config.dataDir);
        const firstRun = !(await hasAccount(server.platform));
        const root = firstRun ? await initAccount(server.platform, { source: 'bulwark dev (first run)' }) : undefined;
        const accountId = root?.accountId ?? (await firstAccountId(server.platform));
        const gatewayConfig = devGatewayConfig({ listen: flags.gatewayListen, originUrl: origin.url, dataDir: config.dataDir });
        // The gateway's access and attack events go to the server's event store in-process, and to the NDJSON file.
        const accessLog = new IngestAccessLog(new NdjsonAccessLog({ file: gatewayConfig.accessLog.file, stdout: false }), {
          logger: server.platform.logger,
          intervalMs: 1000,
          ship: async (batch) => {
            try {
              await server.app.events.ingest.ingest(batch, accountId ? { 'cloud.account.id': accountId } : {});
              return true;
            } catch {
              return false;
            }
          },
        });
        const gateway = await startGateway(gatewayConfig, { accessLog });
        const admin = root ? await createFirstAdmin(server.platform, root.accountId) : undefined;
        const agent = accountId ? await startLocalAgent({ platform: server.platform, serverUrl: server.url, accountId, agentVersion: packageVersion() }) : undefined;
        const credentials = root && admin
          ? [
              '  Console sign-in (shown only this once; a new password is required at first sign-in, MFA can be bound then):',
              `    ${server.url}/console/   account ${root.accountId}   user ${admin.userName}   password ${admin.password}`,
              '',
              '  Root AccessKey for SDKs and the CLI (shown only this once, keep it):',
              `    BULWARK_ACCESS_KEY_ID=${root.accessKeyId}`,
              `    BULWARK_ACCESS_KEY_SECRET=${root.accessKeySecret}`,
              `    account ${root.accountId}; OpenAPI endpoint ${server.url.replace(/^http:\/\//, '')} (protocol http)`,
            ]
          : ['  Root AccessKey: printed at the first run; create more with the RAM API (CreateAccessKey).'];
        process.stdout.write(
          [
            '',
            'Bulwark is running (dev mode, embedded storage).',
            `  server   ${server.url}`,
            `  console  ${server.url}/console/   (English or 简体中文; sign in with the account, user and password below)`,
            `  health   ${server.url}/healthz   metrics ${server.url}/metrics`,
            `  data     ${server.platform.storage.location}`,
            `  gateway  ${gateway.urls[0]}  → demo app ${origin.url}  (WAF blocking: ${crs ? `OWASP CRS from ${crs}` : 'built-in SQLi/XSS rules; install modsecurity-crs for the full CRS'})`,
            `           try: curl -i "${gateway.urls[0]}/?id=1'%20or%201=1--"   → 403 with a request id`,
            ...(agent ? [`  agent    host ${agent.hostId} reports this machine's inventory and baseline, watches SSH logs, processes and /etc:  bulwark hosts findings ${agent.hostId} --server ${server.url}`] : []),
            '',
            ...credentials,
            '',
            'Press Ctrl+C to stop.',
            '',
          ].join('\n'),
        );
      }),
    );
}
