import { join } from 'node:path';
import { createEnrollmentToken } from '../hosts/tokens.js';
import { systemCaller } from '../iam/caller.js';
import type { Platform } from '../server/platform.js';
import { AgentDaemon } from './daemon.js';
import { enrollAgent } from './enroll.js';
import { HostClient } from './host-client.js';
import { AGENT_MODULES } from './modules.js';
import { hasState, loadState } from './state.js';

export interface LocalAgent {
  hostId: string;
  stateDir: string;
  /** names of the modules run beside the report loop (intrusion, processes, …; one that fails to start is logged) */
  modules: string[];
  /** Stops after the current step; resolves when the modules have stopped too. */
  stop(): Promise<void>;
}

/**
 * `bulwark dev`'s agent on the same machine: enrolled once (a token minted in-process, exchanged
 * over HTTP like any agent), identity under `<dataDir>/agent`, then the daemon runs in-process with
 * the modules of `bulwark agent run` (intrusion detection, suspicious processes, reputation bans when
 * enabled), created `light` so a laptop stays quick: file integrity of `/etc` only unless
 * `<dataDir>/agent/intrusion.yaml` says otherwise. A module that cannot start (or read what it
 * watches, as a non-root user) is logged and the rest keep running.
 */
export async function startLocalAgent(options: { platform: Platform; serverUrl: string; accountId: string; agentVersion: string }): Promise<LocalAgent | undefined> {
  const { platform } = options;
  const stateDir = join(platform.dataDir, 'agent');
  try {
    return await start(options, stateDir);
  } catch (e) {
    platform.logger.warn({ err: e, stateDir }, 'the local agent did not start');
    return undefined;
  }
}

async function start(options: { platform: Platform; serverUrl: string; accountId: string; agentVersion: string }, stateDir: string): Promise<LocalAgent> {
  const { platform } = options;
  if (!hasState(stateDir)) {
    const deps = { storage: platform.storage, audit: platform.audit, clock: platform.clock, sealer: platform.sealer, logger: platform.logger, invalidate: () => undefined };
    const meta = { requestId: 'bulwark-dev', sourceIp: '127.0.0.1' };
    const token = await createEnrollmentToken(deps, systemCaller(options.accountId, meta.requestId), meta, { ttlSeconds: 300, label: 'bulwark dev' });
    await enrollAgent({ server: options.serverUrl, token: token.Token, stateDir, agentVersion: options.agentVersion });
  }
  // the server may listen on another port than at the first run
  const state = { ...loadState(stateDir), server: options.serverUrl };
  const modules = AGENT_MODULES.map((create) => create({ light: true }));
  const daemon = new AgentDaemon({ client: new HostClient(state), logger: platform.logger.child({ name: 'bulwark-agent' }), agentVersion: options.agentVersion, heartbeatMs: 60_000, intervalMs: 3_600_000, stateDir, modules });
  // started on the next turn of the event loop, so `bulwark dev` prints its banner first
  const running = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => daemon.run())
    .catch((e: unknown) => platform.logger.error({ err: e }, 'the local agent stopped'));
  return {
    hostId: state.hostId,
    stateDir,
    modules: modules.map((m) => m.name),
    stop: async () => {
      daemon.stop();
      await running;
    },
  };
}
