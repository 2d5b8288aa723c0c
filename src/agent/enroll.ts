import { hostname } from 'node:os';
import { BulwarkError } from '../core/errors.js';
import { collectInventory } from './collectors/collect.js';
import { osReleaseCollector } from './collectors/os-release.js';
import { requestEnrollment } from './host-client.js';
import { hasState, saveState, type AgentState } from './state.js';

export interface EnrollOptions {
  server: string;
  token: string;
  stateDir: string;
  /** replace an existing identity in the state dir */
  force?: boolean;
  agentVersion: string;
  /** directory standing in for `/` when reading os-release (tests) */
  root?: string;
  clock?: () => Date;
}

/** Exchanges a one-time token for this host's identity and stores it (0600 in a 0700 directory). */
export async function enrollAgent(options: EnrollOptions): Promise<AgentState> {
  if (hasState(options.stateDir) && !options.force) {
    throw new BulwarkError('InvalidParameter', { field: '--state-dir', reason: `${options.stateDir} already holds an enrolled identity; pass --force to replace it` });
  }
  const facts = await collectInventory({ collectors: [osReleaseCollector], ...(options.root ? { root: options.root } : {}) });
  const server = options.server.replace(/\/+$/, '');
  const e = await requestEnrollment(server, { token: options.token, hostname: hostname(), os: facts.os?.prettyName ?? '', agentVersion: options.agentVersion });
  const state: AgentState = {
    version: 1,
    server,
    hostId: e.HostId,
    accountId: e.AccountId,
    userName: e.UserName,
    accessKeyId: e.AccessKeyId,
    accessKeySecret: e.AccessKeySecret,
    enrolledAt: (options.clock?.() ?? new Date()).toISOString(),
  };
  saveState(options.stateDir, state);
  return state;
}
