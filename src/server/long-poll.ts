import type { FastifyReply } from 'fastify';
import type { RevisionSignal } from '../sites/revision-signal.js';

/** How often a parked long-poll re-reads the revision (changes made through another server instance). */
const RECHECK_MS = 2000;

/**
 * Parks a long-poll until the ETag of what the client holds (`known`) changes, `waitSeconds` pass
 * or the client goes away; returns the ETag then in force. Wakes on any of `signals` for the account.
 */
export async function awaitChange(reply: FastifyReply, accountId: string, known: string | undefined, waitSeconds: number, etagNow: () => Promise<string>, signals: readonly RevisionSignal[]): Promise<string> {
  const deadline = Date.now() + waitSeconds * 1000;
  const gone = new AbortController();
  reply.raw.once('close', () => gone.abort());
  let etag = await etagNow();
  while (known === etag && Date.now() < deadline && !gone.signal.aborted) {
    const wait = Math.min(RECHECK_MS, deadline - Date.now());
    const round = new AbortController();
    const stop = (): void => round.abort();
    gone.signal.addEventListener('abort', stop, { once: true });
    await Promise.race(signals.map((s) => s.wait(accountId, wait, round.signal)));
    round.abort();
    gone.signal.removeEventListener('abort', stop);
    etag = await etagNow();
  }
  return etag;
}
