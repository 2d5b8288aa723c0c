import type { Logger } from '../core/logger.js';
import type { AccessKey } from '../events/client.js';

/** What a module running inside `bulwark agent run` gets. */
export interface AgentModuleContext {
  hostId: string;
  /** the agent's state dir (modules keep their own files there) */
  stateDir: string;
  /** the directory standing in for `/` */
  root: string;
  logger: Logger;
  /** Sends ECS events about this host to the server (stamped there with the host and account); throws when not delivered. */
  sendEvents(docs: readonly Record<string, unknown>[]): Promise<void>;
  /** The server and the host's own AccessKey, for modules that call other signed APIs (reputation bans). */
  connection?: { server: string; key: AccessKey };
}

/** How a module is created (the registry in `modules.ts` calls each factory with these). */
export interface AgentModuleOptions {
  /**
   * `bulwark dev`'s agent on a laptop: lighter defaults where a module's defaults are heavy (a
   * settings file in the state dir still wins), and operator notes at info level rather than warn.
   */
  light?: boolean;
}

/**
 * A long-running part of the agent beside the report loop (log tailers, file watchers): started
 * when the daemon starts, stopped (and awaited) when it stops.
 */
export interface AgentModule {
  readonly name: string;
  start(ctx: AgentModuleContext): Promise<void>;
  stop(): Promise<void>;
}
