import type { CommandOutput } from './command-runner.js';

/** Whether `c:` rules may run, and how. */
export type CommandAccess =
  | { readonly allowed: true; readonly run: (commandLine: string) => Promise<CommandOutput> }
  | { readonly allowed: false; readonly reason: string };

/** Everything rule evaluation reads from: the root standing in for `/`, commands, and per-scan caches. */
export interface EvalContext {
  readonly root: string;
  readonly commands: CommandAccess;
  /** Names of running processes (comm and argv[0] base names), read once per scan; an error string when /proc is unreadable. */
  processes?: ReadonlySet<string> | string;
  /** Small files already read in this scan (policies read /proc/net/tcp or sshd_config many times). */
  files?: Map<string, { text: string } | { error: string }>;
}
