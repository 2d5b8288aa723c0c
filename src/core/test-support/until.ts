import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until it returns something other than undefined (then returns it), or throws after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined>, ms = 15_000, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(everyMs);
  }
}
