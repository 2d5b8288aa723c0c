import { Command } from 'commander';
import { vi } from 'vitest';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
  /** `exitCode`, 0 when none was set. */
  code: number;
}

/**
 * Runs CLI commands in-process (tests): `register` adds them to a fresh program; stdout and stderr
 * are captured; a commander usage error counts as exit code 2, like `bulwark` itself. `env` is added to
 * the environment for this run only.
 */
export async function runCli(register: (program: Command) => unknown, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const program = new Command('bulwark').exitOverride();
  register(program);
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  program.commands.forEach(override);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const before = Object.keys(env).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'bulwark', ...args]);
  } catch {
    process.exitCode ??= 2;
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of before) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return { stdout, stderr, exitCode, code: exitCode ?? 0 };
}
