import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EcsDocument } from '../intrusion/alert.js';
import type { AgentModuleContext } from '../daemon-module.js';
import { autoResponder } from './auto.js';
import type { LoggedAction } from './action-log.js';
import { loadResponsePolicy } from './policy.js';

/** First file found wins (none: no automatic response). */
export const responsePolicyFiles = (stateDir: string): string[] => [join(stateDir, 'response.yaml'), '/etc/bulwark/response.yaml'];

/**
 * The automatic response of an `agent run` module: when a response policy exists (`response.yaml`),
 * its actions are taken on the module's alerts — only on a real root (pids and addresses under a
 * fixture `--root` are not this machine's) — and reported as events. Undefined when there is none.
 */
export function moduleResponder(ctx: AgentModuleContext, module: string): { file: string; respond: (alerts: readonly EcsDocument[]) => Promise<LoggedAction[]> } | undefined {
  const file = responsePolicyFiles(ctx.stateDir).find((f) => existsSync(f));
  if (!file || ctx.root !== '/') return undefined;
  const policy = loadResponsePolicy(readFileSync(file, 'utf8'), file);
  return { file, respond: autoResponder({ policy, stateDir: ctx.stateDir, onEvents: (docs) => ctx.sendEvents(docs), onError: (m) => ctx.logger.warn({ module }, m) }) };
}
