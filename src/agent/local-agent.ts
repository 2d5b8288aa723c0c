import { join } from 'node:path';
import { createEnrollmentToken } from '../hosts/tokens.js';
import { systemCaller } from '../iam/caller.js';
import type { Platform } from '../server/platform.js';
import { AgentDaemon } from './daemon.js';
import { enrollAgent } from './enroll.js';
import { HostClient } from './host-client.js';
import { hasState, loadState } from './state.js';

export interface LocalAgent {
  hostId: string;
  stateDir: string;
  stop(): void;
}

/**
 * `bulwark dev`'s agent on the same machine: enrolled once (a token minted in-process, exchanged
 * over HTTP like any agent), identity under `<dataDir>/agent`, then the daemon runs in-process.
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
  const daemon = new AgentDaemon({ client: new HostClient(state), logger: platform.logger.child({ name: 'bulwark-agent' }), agentVersion: options.agentVersion, heartbeatMs: 60_000, intervalMs: 3_600_000, stateDir });
  void daemon.run();
  return { hostId: state.hostId, stateDir, stop: () => daemon.stop() };
}
