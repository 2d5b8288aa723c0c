import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

interface SocketState {
  served: number;
  active: number;
  graceTimer?: NodeJS.Timeout;
}

export interface DrainOptions {
  /** Close the listener once no connection arrived for this long (ms). */
  quietMs?: number;
  /** …but never keep listening longer than this after the signal (ms). */
  maxListenMs?: number;
  /** Time a just-accepted connection gets to send its first request (ms). */
  graceMs?: number;
}

/**
 * Graceful connection draining for an HTTP server. `drain()`:
 * 1. keeps the listener open until connections stop arriving (quiet period, bounded), because
 *    closing a listening socket resets the connections still waiting in the kernel's accept
 *    queue; readiness already reports 503 so load balancers stop sending;
 * 2. stops listening without Node's implicit "close idle connections" (which would reset clients
 *    that connected but have not sent their request yet);
 * 3. lets responses in flight finish with `Connection: close`, closes idle keep-alive connections,
 *    and gives just-accepted connections `graceMs` to send their request.
 * It resolves when the last connection has closed.
 */
export function trackConnections(server: Server, options: DrainOptions = {}): { drain(): Promise<void> } {
  const quietMs = options.quietMs ?? 250;
  const maxListenMs = options.maxListenMs ?? 5000;
  const graceMs = options.graceMs ?? 2000;
  const sockets = new Map<Socket, SocketState>();
  let draining = false;
  let listening = true;
  let lastConnection = 0;
  let idle: (() => void) | undefined;

  const settle = (socket: Socket, state: SocketState): void => {
    if (!draining || listening || state.active > 0) return;
    if (state.served > 0) {
      socket.destroySoon();
    } else if (!state.graceTimer) {
      state.graceTimer = setTimeout(() => socket.destroy(), graceMs);
      state.graceTimer.unref();
    }
  };

  server.on('connection', (socket: Socket) => {
    lastConnection = Date.now();
    const state: SocketState = { served: 0, active: 0 };
    sockets.set(socket, state);
    socket.once('close', () => {
      if (state.graceTimer) clearTimeout(state.graceTimer);
      sockets.delete(socket);
      if (sockets.size === 0 && !listening) idle?.();
    });
  });
  server.prependListener('request', (req, res) => {
    const state = sockets.get(req.socket);
    if (!state) return;
    state.active += 1;
    if (state.graceTimer) {
      clearTimeout(state.graceTimer);
      delete state.graceTimer;
    }
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      state.active -= 1;
      state.served += 1;
      settle(req.socket, state);
    });
  });

  const waitForQuiet = async (): Promise<void> => {
    const deadline = Date.now() + maxListenMs;
    for (;;) {
      const quietFor = Date.now() - lastConnection;
      if (quietFor >= quietMs || Date.now() >= deadline) return;
      await new Promise((r) => setTimeout(r, Math.min(quietMs - quietFor, deadline - Date.now()) + 1));
    }
  };

  return {
    async drain() {
      draining = true;
      await waitForQuiet();
      listening = false;
      NetServer.prototype.close.call(server);
      const done = new Promise<void>((resolve) => {
        idle = resolve;
      });
      for (const [socket, state] of sockets) settle(socket, state);
      if (sockets.size > 0) await done;
    },
  };
}
