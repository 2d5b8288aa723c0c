import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentModule, AgentModuleContext, AgentModuleOptions } from '../daemon-module.js';
import type { EcsDocument } from './alert.js';
import { loadIntrusionConfig, type IntrusionConfig } from './intrusion-config.js';
import { startIntrusionDetection, type IntrusionDetection } from './intrusion-monitor.js';
import { lightIntrusionConfig } from './light-config.js';
import { moduleResponder } from '../respond/module-responder.js';

/** Where `bulwark agent run` looks for intrusion settings, first found wins (none: defaults). */
export const intrusionConfigFiles = (stateDir: string): string[] => [join(stateDir, 'intrusion.yaml'), '/etc/bulwark/intrusion.yaml'];

/** documents per `sendEvents` call */
const BATCH = 500;

/** Paths of the settings moved under the agent's `--root` (a fixture standing in for `/`). */
export function underRoot(config: IntrusionConfig, root: string): IntrusionConfig {
  if (root === '/') return config;
  const at = (p: string): string => join(root, p);
  return {
    ...config,
    ssh: { ...config.ssh, ...(config.ssh.log ? { log: at(config.ssh.log) } : {}) },
    fim: { ...config.fim, paths: config.fim.paths.map(at), webRoots: config.fim.webRoots.map(at), exclude: config.fim.exclude.map((e) => (e.startsWith('/') ? at(e) : e)) },
  };
}

/**
 * Intrusion detection inside `bulwark agent run`: SSH, file integrity and webshells, alerts sent
 * through the daemon. `light` (`bulwark dev`): without a settings file, file integrity covers `/etc`
 * only (see `light-config.ts`), and notes (missing logs, skipped files) are logged at info level.
 */
export function intrusionModule(options: AgentModuleOptions = {}): AgentModule {
  let starting: Promise<IntrusionDetection | undefined> | undefined;
  return {
    name: 'intrusion',
    async start(ctx: AgentModuleContext) {
      const file = intrusionConfigFiles(ctx.stateDir).find((f) => existsSync(f));
      // a bad settings file fails the start (the daemon logs it); the first scans run in the background
      const config = underRoot(file || !options.light ? loadIntrusionConfig(file) : lightIntrusionConfig(), ctx.root);
      const note = (text: string): void => (options.light ? ctx.logger.info({ module: 'intrusion' }, text) : ctx.logger.warn({ module: 'intrusion' }, text));
      // With a response policy (`response.yaml`), alerts also trigger its actions (e.g. block a brute-forcing IP for an hour).
      const responder = moduleResponder(ctx, 'intrusion');
      const send = async (docs: EcsDocument[]): Promise<void> => {
        for (let i = 0; i < docs.length; i += BATCH) await ctx.sendEvents(docs.slice(i, i + BATCH));
        await responder?.respond(docs.filter((d) => (d.event as { kind?: string } | undefined)?.kind === 'alert'));
      };
      starting = startIntrusionDetection({ config, stateDir: ctx.stateDir, onEvents: send, onNote: note }).then(
        (running) => {
          ctx.logger.info({ module: 'intrusion', config: file ?? (options.light ? 'light defaults' : 'defaults'), ssh: running.ssh !== undefined, fimFiles: running.fim?.size ?? 0 }, 'intrusion detection running');
          return running;
        },
        (e: unknown) => {
          ctx.logger.error({ module: 'intrusion', err: e }, 'intrusion detection did not start');
          return undefined;
        },
      );
    },
    async stop() {
      const running = await starting;
      await running?.stop();
      starting = undefined;
    },
  };
}
