import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../../config/load.js';
import type { AgentModule, AgentModuleContext } from '../../daemon-module.js';
import { moduleResponder } from '../../respond/module-responder.js';
import type { EcsDocument } from '../alert.js';
import { startProcessWatch, type ProcessWatch } from './process-watch.js';

export const processSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    intervalSeconds: z.number().int().min(5).max(86_400).default(60),
    /** CPU sampling interval for miner-like processes */
    sampleSeconds: z.number().min(0.1).max(60).default(1),
    cpuPercent: z.number().min(1).max(10_000).default(50),
  })
  .strict();

/** First file found wins (none: defaults / no automatic response). */
export const processSettingsFiles = (stateDir: string): string[] => [join(stateDir, 'processes.yaml'), '/etc/bulwark/processes.yaml'];

/**
 * The suspicious-process watch inside `bulwark agent run`: alerts go through the daemon; when a
 * response policy exists (`response.yaml`), its actions are taken on the alerts (only on a real
 * root: pids under a fixture `--root` are not this machine's) and reported as events too.
 */
export function processModule(): AgentModule {
  let watch: ProcessWatch | undefined;
  return {
    name: 'processes',
    async start(ctx: AgentModuleContext) {
      const settingsFile = processSettingsFiles(ctx.stateDir).find((f) => existsSync(f));
      const settings = loadConfig(processSettingsSchema, { file: settingsFile });
      if (!settings.enabled) return;
      const responder = moduleResponder(ctx, 'processes');
      const respond = responder?.respond;
      watch = startProcessWatch({
        root: ctx.root,
        intervalMs: settings.intervalSeconds * 1000,
        sampleMs: settings.sampleSeconds * 1000,
        cpuPercent: settings.cpuPercent,
        onEvents: async (docs: EcsDocument[]) => {
          await ctx.sendEvents(docs);
          await respond?.(docs);
        },
        onError: (e) => ctx.logger.warn({ module: 'processes', err: e }, 'process watch failed'),
      });
      ctx.logger.info({ module: 'processes', settings: settingsFile ?? 'defaults', responsePolicy: responder?.file ?? 'none', automatic: respond !== undefined }, 'process watch running');
      void watch.runOnce().catch((e: unknown) => ctx.logger.warn({ module: 'processes', err: e }, 'process watch failed'));
    },
    async stop() {
      await watch?.stop();
      watch = undefined;
    },
  };
}
