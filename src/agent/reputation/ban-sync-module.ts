import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import type { AgentModule, AgentModuleContext } from '../daemon-module.js';
import { BanSync } from './ban-sync.js';

/** `<state-dir>/reputation.yaml`: `enforce: true` turns host enforcement of the server's bans on. */
const settings = z.object({ enforce: z.boolean().default(false), netns: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional() }).strict();

export function banSyncSettings(stateDir: string): z.output<typeof settings> {
  const file = join(stateDir, 'reputation.yaml');
  if (!existsSync(file)) return { enforce: false };
  const r = settings.safeParse(parseYaml(readFileSync(file, 'utf8')) ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new BulwarkError('InvalidConfig', { field: issue.path.map(String).join('.') || '(file)', origin: ` (in ${file})`, reason: issue.message });
  }
  return r.data;
}

/** Host enforcement of reputation bans inside `bulwark agent run` (off unless `reputation.yaml` says `enforce: true`). */
export function banSyncModule(): AgentModule {
  let sync: BanSync | undefined;
  return {
    name: 'reputation-bans',
    async start(ctx: AgentModuleContext) {
      const s = banSyncSettings(ctx.stateDir);
      if (!s.enforce || !ctx.connection) return;
      sync = new BanSync({ ...ctx.connection, logger: ctx.logger, ...(s.netns ? { netns: s.netns } : {}) });
      await sync.start();
      ctx.logger.info({ module: 'reputation-bans', blocked: sync.blocked.size }, 'enforcing reputation bans on the host firewall');
    },
    async stop() {
      await sync?.stop();
      sync = undefined;
    },
  };
}
