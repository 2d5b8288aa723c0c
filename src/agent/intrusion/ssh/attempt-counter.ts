import { trimOldest } from '../../../core/bounded-map.js';
import type { SshdEvent } from './sshd-message.js';

/**
 * Decides how many authentication attempts an sshd event stands for, so one connection is not
 * counted twice: sshd logs `Invalid user X from IP port P` and then `Failed password for invalid
 * user X from IP port P` for the same try, and ends a failing connection with `maximum
 * authentication attempts exceeded`, `Connection closed by … [preauth]` or `Disconnected from …
 * [preauth]`. Rules, per connection (source IP and port):
 * - `invalid-user` counts once; the first `failed` after it on the same connection is the same try;
 * - every other `failed` counts;
 * - an ending line counts once when it names a user and nothing was counted on that connection
 *   (key-only scanners never log `Failed …`); ending lines without a user are connection noise.
 * Connections are remembered in a bounded map (the oldest are forgotten first).
 */
export class AttemptCounter {
  private readonly connections = new Map<string, { counted: number; invalidPending: boolean }>();

  constructor(private readonly maxConnections = 50_000) {}

  /** Attempts the event adds (0 for successes and connection noise). */
  attempts(e: SshdEvent): number {
    if (e.kind === 'accepted') {
      if (e.port !== undefined) this.connections.delete(`${e.ip} ${e.port}`);
      return 0;
    }
    if (e.port === undefined) return e.kind === 'invalid-user' || e.kind === 'failed' ? e.repeat : 0;
    const key = `${e.ip} ${e.port}`;
    let state = this.connections.get(key);
    if (!state) {
      state = { counted: 0, invalidPending: false };
      this.connections.set(key, state);
      trimOldest(this.connections, this.maxConnections);
    }
    let n = 0;
    switch (e.kind) {
      case 'invalid-user':
        n = e.repeat;
        state.invalidPending = true;
        break;
      case 'failed':
        n = state.invalidPending ? e.repeat - 1 : e.repeat;
        state.invalidPending = false;
        break;
      default:
        n = e.user !== undefined && state.counted === 0 ? 1 : 0;
        this.connections.delete(key);
    }
    state.counted += n;
    return n;
  }
}
