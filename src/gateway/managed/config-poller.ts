import { z } from 'zod';
import type { LongPollOptions } from '../../events/long-poller.js';
import { LongPoller } from '../../events/long-poller.js';
import { GATEWAY_CONFIG_PATH, GET_GATEWAY_CONFIG_ACTION } from '../../sites/paths.js';

export interface ManagedSites {
  revision: number;
  sites: unknown[];
  /** Addresses banned by reputation decisions. */
  bans: string[];
}

const configBody = z.object({ revision: z.number().int().min(0), sites: z.array(z.unknown()), bans: z.array(z.string()).default([]) });

export type ConfigPollerOptions = Omit<LongPollOptions<ManagedSites>, 'path' | 'action' | 'schema'>;

/** The managed gateway's side of configuration sync: `GET /api/gateway/config` (sites and bans). */
export class ConfigPoller extends LongPoller<ManagedSites> {
  constructor(options: ConfigPollerOptions) {
    super({ path: GATEWAY_CONFIG_PATH, action: GET_GATEWAY_CONFIG_ACTION, schema: configBody, describe: (u) => ({ revision: u.revision, sites: u.sites.length, bans: u.bans.length }), ...options });
  }
}

/**
 * Applies a managed update; when the whole update is refused (e.g. a site whose certificate this
 * gateway does not have) but its bans changed, the bans are still applied on top of the sites in
 * force — one bad site must not stop reputation bans. The original refusal is rethrown (logged).
 */
export async function applyManagedUpdate(state: { current: ManagedSites }, update: ManagedSites, apply: (next: ManagedSites) => Promise<void>): Promise<void> {
  try {
    await apply(update);
    state.current = update;
  } catch (e) {
    if (JSON.stringify(update.bans) !== JSON.stringify(state.current.bans)) {
      const bansOnly = { ...state.current, bans: update.bans };
      await apply(bansOnly);
      state.current = bansOnly;
    }
    throw e;
  }
}
