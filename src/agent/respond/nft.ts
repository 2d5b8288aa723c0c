import { spawn } from 'node:child_process';
import { BulwarkError } from '../../core/errors.js';

export interface NftOptions {
  /** run inside this network namespace (`ip netns exec NAME nft …`); tests never touch the host's firewall */
  netns?: string;
}

export interface NftResult {
  code: number;
  stdout: string;
  stderr: string;
}

const TIMEOUT_MS = 15_000;

/** Runs `nft ARGS` (argv, no shell), optionally feeding a script on stdin (`nft -f -`). */
export function runNft(args: readonly string[], options: NftOptions = {}, stdin?: string): Promise<NftResult> {
  const argv = options.netns ? ['ip', ['netns', 'exec', options.netns, 'nft', ...args]] as const : ['nft', [...args]] as const;
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv[1], { stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS, env: { ...process.env, LC_ALL: 'C' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => reject(new BulwarkError('Agent.Respond.NftFailed', { operation: args.join(' '), reason: e.message })));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr: stderr.trim() }));
    // nft may exit (an error) before reading its script; the exit code tells what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });
}

/** Runs nft and turns a non-zero exit into `Agent.Respond.NftFailed`. */
export async function nftOrThrow(operation: string, args: readonly string[], options: NftOptions = {}, stdin?: string): Promise<string> {
  const r = await runNft(args, options, stdin);
  if (r.code !== 0) throw new BulwarkError('Agent.Respond.NftFailed', { operation, reason: r.stderr.split('\n')[0] || `exit ${r.code}` });
  return r.stdout;
}
