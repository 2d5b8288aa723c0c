import { spawn } from 'node:child_process';
import { splitArgv } from './argv.js';
import { underRoot } from './paths.js';

/** Output of a `c:` command, or why it could not run. */
export type CommandOutput =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string; readonly exitCode: number | null; readonly truncated: boolean }
  | { readonly ok: false; readonly reason: string };

export interface CommandLimits {
  /** Killed (and the rule not applicable) after this long. */
  readonly timeoutMs: number;
  /** stdout and stderr are each cut at this many bytes (the process is killed). */
  readonly maxOutputBytes: number;
}

export const DEFAULT_COMMAND_LIMITS: CommandLimits = { timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 };

/** A fixed, minimal environment: commands never see the agent's own variables (keys, tokens). */
const ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C', LC_ALL: 'C' };

/**
 * Runs a command line as argv, without a shell, with a timeout and an output limit. With a root other
 * than `/`, arguments that are absolute paths are resolved under it (like the paths of `f:`/`d:` rules).
 */
export function runCommand(line: string, root: string, limits: CommandLimits = DEFAULT_COMMAND_LIMITS): Promise<CommandOutput> {
  const argv = splitArgv(line);
  if (argv === undefined || argv.length === 0) return Promise.resolve({ ok: false, reason: `cannot split "${line}" into arguments (unterminated quote?)` });
  const [file, ...args] = argv as [string, ...string[]];
  const rooted = root === '/' ? args : args.map((a) => (a.startsWith('/') ? underRoot(root, a).real : a));
  return new Promise((resolve) => {
    let settled = false;
    let truncated = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sizes = { out: 0, err: 0 };
    // Its own process group, so a timeout or the output limit also ends what it started (`sh -c "… &"`).
    const child = spawn(file, rooted, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const finish = (result: CommandOutput): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      kill();
      finish({ ok: false, reason: `"${file}" did not finish within ${limits.timeoutMs} ms` });
    }, limits.timeoutMs);
    const collect = (chunks: Buffer[], key: 'out' | 'err') => (chunk: Buffer) => {
      const room = limits.maxOutputBytes - sizes[key];
      if (room <= 0) return;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      sizes[key] += chunk.length;
      if (sizes[key] >= limits.maxOutputBytes) {
        truncated = true;
        kill();
      }
    };
    child.stdout.on('data', collect(out, 'out'));
    child.stderr.on('data', collect(err, 'err'));
    child.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, reason: `cannot run "${file}": ${e.code ?? e.message}` }));
    child.on('close', (code) => {
      finish({ ok: true, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode: code, truncated });
    });
  });
}

/** A runner that runs each distinct command line once per scan (CIS policies ask `sshd -T` twenty times). */
export function cachedRunner(root: string, limits: CommandLimits = DEFAULT_COMMAND_LIMITS): (line: string) => Promise<CommandOutput> {
  const cache = new Map<string, Promise<CommandOutput>>();
  return (line) => {
    let result = cache.get(line);
    if (!result) {
      result = runCommand(line, root, limits);
      cache.set(line, result);
    }
    return result;
  };
}
