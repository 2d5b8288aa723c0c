import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AgentDaemon } from '../agent/daemon.js';
import { enrollAgent } from '../agent/enroll.js';
import { HostClient } from '../agent/host-client.js';
import { AGENT_MODULES } from '../agent/modules.js';
import { parseDuration } from '../agent/respond/duration.js';
import { DEFAULT_STATE_DIR, loadState, statePath } from '../agent/state.js';
import { BulwarkError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { action, EXIT_OK } from './run.js';
import { packageVersion } from './version.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function seconds(text: string, field: string, min: number): number {
  const s = parseDuration(text, field);
  if (s < min) throw new BulwarkError('InvalidParameter', { field, reason: `at least ${min}s` });
  return s;
}

/** `bulwark agent enroll` and `bulwark agent run`, registered on the `agent` command. */
export function registerAgentEnroll(agent: Command): void {
  agent
    .command('enroll')
    .description(`exchange a one-time enrollment token for this host's identity, stored in the state dir (default ${DEFAULT_STATE_DIR}, file mode 0600)`)
    .requiredOption('--server <url>', 'Bulwark server URL')
    .requiredOption('--token <token>', 'enrollment token from `bulwark hosts token create` (single use)')
    .option('--state-dir <dir>', 'where the identity is stored', DEFAULT_STATE_DIR)
    .option('--force', 'replace an identity already stored in the state dir')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (flags: { server: string; token: string; stateDir: string; force?: boolean; format: string }) => {
        if (!['text', 'json'].includes(flags.format)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: 'expected text or json' });
        const stateDir = resolve(flags.stateDir);
        const state = await enrollAgent({ server: flags.server, token: flags.token, stateDir, force: flags.force === true, agentVersion: packageVersion() });
        const shown = { hostId: state.hostId, accountId: state.accountId, userName: state.userName, accessKeyId: state.accessKeyId, server: state.server, stateFile: statePath(stateDir) };
        process.stdout.write(flags.format === 'json' ? `${JSON.stringify(shown)}\n` : `enrolled host ${state.hostId} as ${state.userName} (AccessKey ${state.accessKeyId}); identity stored in ${shown.stateFile}\nstart the agent with: bulwark agent run --state-dir ${stateDir}\n`);
        return EXIT_OK;
      }),
    );

  agent
    .command('run')
    .description('run the agent: heartbeat, collect and report inventory and baseline periodically, run tasks such as "scan now"; stops on SIGTERM')
    .option('--state-dir <dir>', 'where `agent enroll` stored the identity', DEFAULT_STATE_DIR)
    .option('--root <dir>', 'directory standing in for / (inventory and baseline read under it)', '/')
    .option('--policy <file>', 'SCA policy YAML to run instead of the built-in policies (repeatable)', collect, [])
    .option('--heartbeat <duration>', 'heartbeat and task polling period', '60s')
    .option('--interval <duration>', 'full collection period (inventory and baseline)', '1h')
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'info')
    .action(
      action(async (flags: { stateDir: string; root: string; policy: string[]; heartbeat: string; interval: string; logLevel: string }) => {
        const levels = ['fatal', 'error', 'warn', 'info', 'debug'] as const;
        const level = levels.find((l) => l === flags.logLevel);
        if (!level) throw new BulwarkError('InvalidParameter', { field: '--log-level', reason: `expected ${levels.join(', ')}` });
        const stateDir = resolve(flags.stateDir);
        const state = loadState(stateDir);
        const logger = createLogger({ name: 'bulwark-agent', level, destination: process.stderr });
        const daemon = new AgentDaemon({
          client: new HostClient(state),
          logger,
          agentVersion: packageVersion(),
          root: resolve(flags.root),
          policyFiles: flags.policy.map((f) => resolve(f)),
          heartbeatMs: seconds(flags.heartbeat, '--heartbeat', 1) * 1000,
          intervalMs: seconds(flags.interval, '--interval', 1) * 1000,
          stateDir,
          modules: AGENT_MODULES.map((create) => create()),
        });
        const stop = (signal: string) => {
          logger.info({ signal }, 'stopping after the current step');
          daemon.stop();
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
        logger.info({ host: state.hostId, server: state.server, user: state.userName }, 'agent running');
        await daemon.run();
        return EXIT_OK;
      }),
    );
}
