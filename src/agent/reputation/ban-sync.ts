import { isIP } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../../core/logger.js';
import type { AccessKey } from '../../events/client.js';
import { LongPoller } from '../../events/long-poller.js';
import { REPUTATION_ACTIONS, REPUTATION_BANS_PATH } from '../../reputation/paths.js';
import type { NftOptions } from '../respond/nft.js';
import { blockIp, unblockIp } from '../respond/nftables.js';

const bansBody = z.object({ bans: z.array(z.object({ value: z.string(), until: z.string() })) });
export type BansUpdate = z.output<typeof bansBody>;

export interface BanSyncOptions extends NftOptions {
  server: string;
  key: AccessKey;
  logger: Logger;
  waitSeconds?: number;
  now?: () => number;
}

/**
 * Enforces the server's reputation bans on this host: long-polls the account's active bans and
 * keeps the `bulwark` nftables sets in step — each address blocked with a timeout equal to the time
 * its ban has left (so it lapses on time even if the agent is down), unblocked when the ban is
 * lifted. Single addresses only: CIDR ranges are left to gateways (logged once).
 */
export class BanSync {
  private readonly applied = new Map<string, number>();
  private readonly poller: LongPoller<BansUpdate>;
  private readonly skipped = new Set<string>();

  constructor(private readonly options: BanSyncOptions) {
    this.poller = new LongPoller<BansUpdate>({
      server: options.server,
      key: options.key,
      path: REPUTATION_BANS_PATH,
      action: REPUTATION_ACTIONS.bans,
      schema: bansBody,
      logger: options.logger,
      waitSeconds: options.waitSeconds ?? 30,
      describe: (u) => ({ bans: u.bans.length }),
      apply: (u) => this.apply(u),
    });
  }

  /** Addresses blocked by this sync, with the epoch ms their ban ends. */
  get blocked(): ReadonlyMap<string, number> {
    return this.applied;
  }

  async start(): Promise<void> {
    await this.poller.first();
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  async apply(update: BansUpdate): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    const nft: NftOptions = this.options.netns ? { netns: this.options.netns } : {};
    const wanted = new Map<string, number>();
    for (const b of update.bans) {
      const until = Date.parse(b.until);
      if (isIP(b.value) === 0) {
        if (!this.skipped.has(b.value)) this.options.logger.info({ value: b.value }, 'ban of a range is enforced by gateways, not the host firewall');
        this.skipped.add(b.value);
        continue;
      }
      if (until > now) wanted.set(b.value, until);
    }
    for (const [ip, until] of wanted) {
      if (this.applied.get(ip) === until) continue;
      try {
        await blockIp(ip, Math.max(1, Math.ceil((until - now) / 1000)), nft);
        this.applied.set(ip, until);
      } catch (e) {
        this.options.logger.warn({ ip, reason: (e as Error).message }, 'cannot block a banned address');
      }
    }
    for (const ip of [...this.applied.keys()]) {
      if (wanted.has(ip)) continue;
      await unblockIp(ip, nft).catch((e: Error) => this.options.logger.warn({ ip, reason: e.message }, 'cannot unblock an address'));
      this.applied.delete(ip);
    }
  }
}
